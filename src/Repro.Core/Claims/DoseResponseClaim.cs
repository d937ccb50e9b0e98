using Repro.Experiments;
using Repro.Recommenders;

namespace Repro.Claims;

/// <summary>
/// Claims 7 and 8 share one shape: per series, the shares from "Orig" through v in the edit's direction must be
/// monotone and the end must pass the claim's own test; an unmeasured series is undefined (a tie); every series must pass.
/// </summary>
/// <param name="Number">The claim's number in SPEC §7.</param>
/// <param name="Statement">The paper's statement, short.</param>
/// <param name="Falling">True when the edit lowers the share (v from high to low), false when it raises it (v from low to high).</param>
public abstract record DoseResponseClaim(int Number, string Statement, bool Falling) : Claim(Number, Statement)
{
    /// <summary>The ML-1M series the paper shows for this intervention: model and concept.</summary>
    public abstract IReadOnlyList<(RecommenderKind Model, string Concept)> PaperSeries { get; }

    /// <inheritdoc />
    public override IReadOnlyList<SeriesName> Reads => [.. PaperSeries.Select(p => Name(p.Model, p.Concept))];

    /// <summary>The name of the series of <paramref name="model"/> and <paramref name="concept"/>.</summary>
    protected abstract SeriesName Name(RecommenderKind model, string concept);

    /// <summary>The verdict on one sweep per series.</summary>
    public ClaimRow Rule(IReadOnlyList<InterventionSweep> sweeps)
    {
        ArgumentNullException.ThrowIfNull(sweeps);
        var outcomes = new List<bool?>();
        var parts = new List<string>();
        foreach (var sweep in sweeps)
        {
            if (sweep.Unmeasured is string missing)
            {
                parts.Add(sweep.Label + ": " + missing);
                outcomes.Add(null);
                continue;
            }
            double[] shares = [sweep.Original, .. sweep.SharesByValue(descending: Falling)];
            bool monotone = IsMonotone(shares, nonIncreasing: Falling);
            var (ok, detail) = End(sweep, shares);
            outcomes.Add(monotone && ok);
            parts.Add(sweep.Describe(descending: Falling) + $" (monotone from Orig: {(monotone ? "yes" : "no")}; {detail})");
        }
        return Row(parts.Count == 0 ? "-" : string.Join("; ", parts), outcomes.Count == 0 ? Verdict.NotApplicable : AllOf(outcomes), Reason);
    }

    /// <summary>The claim's test of a measured series' end, given its shares from Orig through v in the edit's direction.</summary>
    protected abstract (bool Ok, string Detail) End(InterventionSweep sweep, double[] shares);

    /// <summary>The test as the ledger's "why" states it.</summary>
    protected abstract string Reason { get; }

    private static bool IsMonotone(double[] values, bool nonIncreasing)
    {
        // Exact comparison: shares are means over the same audience, so equal steps compare equal; no tolerance.
        for (int i = 1; i < values.Length; i++)
        {
            if (nonIncreasing ? values[i] > values[i - 1] : values[i] < values[i - 1])
            {
                return false;
            }
        }
        return true;
    }
}
