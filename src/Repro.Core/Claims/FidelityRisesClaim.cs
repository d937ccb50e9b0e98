using Repro.Experiments;

namespace Repro.Claims;

/// <summary>
/// Claim 4: every sweep (RBO and τ, per model) rises: the value at the largest λ_pred exceeds the value at the smallest λ_pred by
/// at least <see cref="RiseMargin"/> AND the Spearman correlation of value with λ_pred is positive (a dip between neighbours
/// is training noise, not a refutation). A rise inside the margin is a tie: inconclusive.
/// </summary>
public sealed record FidelityRisesClaim() : Claim(4, "Fidelity (RBO, Kendall tau) rises with λ_pred from 0 to 10, MF and NCF")
{
    /// <summary>The rise from the smallest to the largest λ_pred must be at least this (RBO and τ units).</summary>
    public const double RiseMargin = 0.05;

    /// <summary>Every paper cell's λ_pred ablation (its RBO and τ per λ_pred).</summary>
    public static IReadOnlyList<SeriesName> Series { get; } = EveryPaperCell("λ_pred ablation fidelity");

    /// <inheritdoc />
    public override IReadOnlyList<SeriesName> Reads => Series;

    /// <inheritdoc />
    public override ClaimRow Rule(LedgerEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return Rule([.. Series.SelectMany(s =>
        {
            var rows = evidence.Read(this, s, c => evidence.Ablation(c)).Rows;
            return new[]
            {
                new PredictionWeightSweep(s.Cell + " RBO", [.. rows.Select(r => r.PredictionWeight)], [.. rows.Select(r => r.Fidelity.Rbo)]),
                new PredictionWeightSweep(s.Cell + " τ", [.. rows.Select(r => r.PredictionWeight)], [.. rows.Select(r => r.Fidelity.KendallTau)]),
            };
        })]);
    }

    /// <summary>The verdict on fidelity sweeps along λ_pred.</summary>
    public ClaimRow Rule(IReadOnlyList<PredictionWeightSweep> sweeps)
    {
        ArgumentNullException.ThrowIfNull(sweeps);
        if (sweeps.Count == 0)
        {
            return Row("-", Verdict.Pending, "no sweep measured");
        }
        var outcomes = new List<bool?>();
        var parts = new List<string>();
        foreach (var s in sweeps)
        {
            var (lo, hi) = s.Ends();
            double rho = Spearman.Rho(s.PredictionWeights, s.Values);
            double rise = s.Values[hi] - s.Values[lo];
            outcomes.Add(rise >= RiseMargin && rho > 0 ? true : rise <= -RiseMargin || !(rho > 0) ? false : null);
            parts.Add($"{s.Label}: {NumberText.Significant(s.Values[lo])} -> {NumberText.Significant(s.Values[hi])}, Spearman {NumberText.Fixed(rho)}");
        }
        return Row(string.Join("; ", parts), AllOf(outcomes),
            $"test: per sweep, value at max λ_pred - value at min λ_pred >= {NumberText.Fixed(RiseMargin)} and Spearman(λ_pred, value) > 0 (a rise within the margin is a tie)");
    }
}
