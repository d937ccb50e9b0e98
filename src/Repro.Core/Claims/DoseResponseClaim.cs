using System.Globalization;
using Repro.Experiments;
using Repro.Interventions;
using Repro.Recommenders;

namespace Repro.Claims;

/// <summary>
/// Claims 7 and 8 share one shape. Per series ("edit only"): (1) over the grid, in the edit's direction, the share is
/// monotone; "Orig" is not part of that chain (the paper's own NCF suppression rises from Orig .88 to v = 1 .91 before it
/// falls: v = 1 is not "no edit"); (2) the end passes the claim's own test against Orig; (3) the control: the concept
/// latent's effect (its move from Orig at the grid's last v) must exceed the 75th percentile, and so the median, of the
/// same edit's effect on each other latent active on the audience. A series with no control (the paper's printed numbers)
/// is ruled on (1) and (2) and says so; a control with no other active latent is undefined (a tie); an unmeasured or
/// skipped series is a tie; every series must pass.
/// </summary>
/// <param name="Number">The claim's number in SPEC §7.</param>
/// <param name="Statement">The paper's statement, short.</param>
/// <param name="Falling">True when the edit lowers the share (v from high to low), false when it raises it (v from low to high).</param>
public abstract record DoseResponseClaim(int Number, string Statement, bool Falling) : Claim(Number, Statement)
{
    /// <summary>The control's bar: the concept latent's effect must exceed this percentile of the other active latents' effects.</summary>
    public const double ControlPercentile = 0.75;

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
            double[] shares = sweep.SharesByValue(descending: Falling);
            bool monotone = IsMonotone(shares, nonIncreasing: Falling);
            var (ok, detail) = End(sweep, shares);
            double effect = Falling ? sweep.Original - shares[^1] : shares[^1] - sweep.Original;
            var (beats, control) = Control(effect, sweep.ControlEffects);
            bool? outcome = !monotone || !ok || beats == false ? false
                : beats is null && sweep.ControlEffects is not null ? null
                : true;
            outcomes.Add(outcome);
            parts.Add(sweep.Describe(descending: Falling) + $" (monotone over v: {(monotone ? "yes" : "no")}; {detail}; {control})");
        }
        return Row(parts.Count == 0 ? "-" : string.Join("; ", parts), outcomes.Count == 0 ? Verdict.NotApplicable : AllOf(outcomes), Reason);
    }

    /// <summary>
    /// The control's test: <paramref name="effect"/> (the concept latent's) against the other active latents' effects:
    /// it beats them when it exceeds their <see cref="ControlPercentile"/> and their median (linear-interpolation
    /// percentiles, <see cref="InterventionControl.Percentile"/>). Null <paramref name="others"/>: no control reported
    /// (no bearing on the verdict); none: undefined (a tie).
    /// </summary>
    public static (bool? Beats, string Detail) Control(double effect, IReadOnlyList<double>? others)
    {
        if (others is null)
        {
            return (null, "control: none reported");
        }
        if (others.Count == 0)
        {
            return (null, "control: no other latent active on the audience, undefined");
        }
        double median = InterventionControl.Percentile(others, 0.5);
        double upper = InterventionControl.Percentile(others, ControlPercentile);
        bool beats = effect > upper && effect > median;
        return (beats, string.Create(CultureInfo.InvariantCulture,
            $"control: effect {NumberText.Fixed(effect, 3)} vs {others.Count} other active latent{(others.Count == 1 ? "" : "s")}: median {NumberText.Fixed(median, 3)}, 75th pct {NumberText.Fixed(upper, 3)}, {(beats ? "beats both" : "does not beat both")}"));
    }

    /// <summary>The claim's test of a measured series' end, given its shares over v in the edit's direction.</summary>
    protected abstract (bool Ok, string Detail) End(InterventionSweep sweep, double[] shares);

    /// <summary>The test as the ledger's "why" states it.</summary>
    protected abstract string Reason { get; }

    /// <summary>The control's test as the ledger's "why" states it.</summary>
    protected static string ControlReason =>
        "the concept latent's effect at the grid's last v beats the same edit on each other latent active on the audience (above their median and 75th percentile; none active: a tie)";

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
