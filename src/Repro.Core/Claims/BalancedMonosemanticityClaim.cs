using Repro.Experiments;

namespace Repro.Claims;

/// <summary>
/// Claim 5: in every sweep, the highest MS is at an intermediate λ_pred: the best intermediate MS exceeds the MS at both the
/// smallest and the largest λ_pred by at least <see cref="Margin"/>. An endpoint that beats every intermediate λ_pred by the
/// margin refutes it; anything closer is a tie (inconclusive for that sweep).
/// </summary>
public sealed record BalancedMonosemanticityClaim() : Claim(5, "Monosemanticity is highest at an intermediate λ_pred, not at 10")
{
    /// <summary>An MS difference counts only beyond this margin (smaller differences are ties).</summary>
    public const double Margin = 0.01;

    /// <summary>Every paper cell's λ_pred ablation (its mean MS per λ_pred).</summary>
    public static IReadOnlyList<SeriesName> Series { get; } = EveryPaperCell("λ_pred ablation MS");

    /// <inheritdoc />
    public override IReadOnlyList<SeriesName> Reads => Series;

    /// <inheritdoc />
    public override ClaimRow Rule(LedgerEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return Rule([.. Series.Select(s =>
        {
            var rows = evidence.Read(this, s, c => evidence.Ablation(c)).Rows;
            return new PredictionWeightSweep(s.Cell + " MS", [.. rows.Select(r => r.PredictionWeight)], [.. rows.Select(r => r.Monosemanticity.Mean)]);
        })]);
    }

    /// <summary>The verdict on MS sweeps along λ_pred.</summary>
    public ClaimRow Rule(IReadOnlyList<PredictionWeightSweep> msSweeps)
    {
        ArgumentNullException.ThrowIfNull(msSweeps);
        if (msSweeps.Count == 0)
        {
            return Row("-", Verdict.Pending, "no sweep measured");
        }
        var outcomes = new List<bool?>();
        var parts = new List<string>();
        foreach (var s in msSweeps)
        {
            var (lo, hi) = s.Ends();
            int arg = 0;
            for (int i = 1; i < s.Values.Count; i++)
            {
                arg = s.Values[i] > s.Values[arg] ? i : arg;
            }
            double bestInner = double.NegativeInfinity;
            for (int i = 0; i < s.Values.Count; i++)
            {
                if (i != lo && i != hi)
                {
                    bestInner = Math.Max(bestInner, s.Values[i]);
                }
            }
            double bestEnd = Math.Max(s.Values[lo], s.Values[hi]);
            outcomes.Add(bestInner >= bestEnd + Margin ? true : bestEnd >= bestInner + Margin ? false : null);
            parts.Add($"{s.Label}: max MS {N(s.Values[arg])} at λ_pred = {N(s.PredictionWeights[arg])} (λ_pred = {N(s.PredictionWeights[lo])}: {N(s.Values[lo])}, λ_pred = {N(s.PredictionWeights[hi])}: {N(s.Values[hi])})");
        }
        return Row(string.Join("; ", parts), AllOf(outcomes),
            $"test: per sweep, best intermediate-λ_pred MS >= both endpoints' MS + {NumberText.Fixed(Margin)}; an endpoint ahead by the margin refutes; closer is a tie");
    }

    private static string N(double value) => NumberText.Significant(value);
}
