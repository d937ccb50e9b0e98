using System.Globalization;
using Repro.Experiments;

namespace Repro.Claims;

/// <summary>
/// Claim 4 in two rows, per sweep (RBO and τ, every cell): <see cref="FromZero"/> (4a), fidelity rises from λ_pred = 0:
/// the value at the largest λ_pred exceeds the value at λ_pred = 0 by more than the sweep's margin, AND the values rise
/// monotonically (Spearman's ρ with λ_pred at least <see cref="MonotoneRho"/>, the one-sided 5 % critical value for five
/// λ_pred values: at most one swap of neighbours); <see cref="AfterOne"/> (4b), fidelity keeps rising after λ_pred = 1:
/// the value at the largest λ_pred exceeds the value at λ_pred = 1 by more than the margin, so a sweep that saturates
/// after λ_pred = 1 is a visible tie, and one that falls beyond the margin fails. The margin is the sweep's
/// <see cref="NoiseMargins"/> (2 × the pooled sd over seeds of one value); a rise also clears the values' noise band,
/// and ρ counts only orders the bands cannot swap (<see cref="Check.SpearmanAtLeast"/>).
/// </summary>
/// <param name="PartName">"a" (from λ_pred = 0) or "b" (after λ_pred = 1).</param>
/// <param name="From">The λ_pred the rise is measured from (0 or 1; a grid without it uses its smallest or second-smallest).</param>
/// <param name="Monotone">Whether the row also asks for a monotone rise (Spearman).</param>
public sealed record FidelityRisesClaim(string PartName, double From, bool Monotone) : CheckedClaim<IReadOnlyList<PredictionWeightSweep>>(4,
    From == 0 ? "Fidelity (RBO, Kendall tau) rises with λ_pred from 0 to 10, MF and NCF: it rises from λ_pred = 0, monotonically"
        : "Fidelity rises with λ_pred from 0 to 10: it keeps rising after λ_pred = 1, as the paper's curves do")
{
    /// <summary>The least Spearman ρ of a monotone rise over the five λ_pred of the paper's grid (one swap of neighbours gives 0.9).</summary>
    public const double MonotoneRho = 0.9;

    /// <summary>4a: fidelity rises from λ_pred = 0, monotonically.</summary>
    public static FidelityRisesClaim FromZero { get; } = new("a", 0, Monotone: true) { Part = "a" };

    /// <summary>4b: fidelity keeps rising after λ_pred = 1.</summary>
    public static FidelityRisesClaim AfterOne { get; } = new("b", 1, Monotone: false) { Part = "b" };

    /// <summary>Every paper cell's λ_pred ablation (its RBO and τ per λ_pred).</summary>
    public static IReadOnlyList<SeriesName> Series { get; } = EveryPaperCell("λ_pred ablation fidelity");

    /// <inheritdoc />
    public override IReadOnlyList<SeriesName> Reads => Series;

    /// <inheritdoc />
    public override string PaperNumbers => From == 0
        ? "ML-1M: RBO 0.224 → 0.543 (MF), 0.448 → 0.748 (NCF); τ -0.19 → 0.315, 0.09 → 0.597; every step up"
        : "ML-1M, λ_pred 1 → 10: RBO +0.14 (MF), +0.198 (NCF); τ +0.223, +0.357";

    /// <inheritdoc />
    public override string Test => string.Create(CultureInfo.InvariantCulture,
        $"per sweep (RBO, τ; every cell; Last.FM is HetRec, D1): value at the largest λ_pred − value at λ_pred = {From} > the sweep's margin (2 × pooled sd over seeds, see Margins) + the noise band (RBO ±{Tolerances.Rbo}, τ ±{Tolerances.KendallTau}); below −(margin + band) fails, between is a tie")
        + (Monotone ? string.Create(CultureInfo.InvariantCulture, $"; and Spearman(λ_pred, value) ≥ {MonotoneRho} for every order the bands allow (a tie when some do and some do not)") : "")
        + "; every sweep must pass";

    /// <inheritdoc />
    public override IReadOnlyList<PredictionWeightSweep> Read(LedgerEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return [.. Series.SelectMany(s =>
        {
            var rows = evidence.Read(this, s, c => evidence.Ablation(c)).Rows;
            double[] weights = [.. rows.Select(r => r.PredictionWeight)];
            return new[]
            {
                new PredictionWeightSweep(s.Cell + " RBO", weights, [.. rows.Select(r => r.Fidelity.Rbo)]) { Measure = SweepMeasure.Rbo, Paper = PaperSweep(s, weights, p => p.Rbo(s.Model)) },
                new PredictionWeightSweep(s.Cell + " τ", weights, [.. rows.Select(r => r.Fidelity.KendallTau)]) { Measure = SweepMeasure.KendallTau, Paper = PaperSweep(s, weights, p => p.KendallTau(s.Model)) },
            };
        })];
    }

    /// <inheritdoc />
    public override IReadOnlyList<Check> Checks(IReadOnlyList<PredictionWeightSweep> input, NoiseBands bands)
    {
        ArgumentNullException.ThrowIfNull(input);
        var checks = new List<Check>();
        foreach (var s in input)
        {
            var (lo, hi) = s.Ends();
            int from = s.IndexOf(From) is int at and >= 0 ? at : From == 0 ? lo : SecondSmallest(s);
            double margin = NoiseMargins.Of(s.Label), band = s.Band(bands);
            string rise = string.Create(CultureInfo.InvariantCulture, $"{s.Label}, rise λ_pred {NumberText.Significant(s.PredictionWeights[from])} → {NumberText.Significant(s.PredictionWeights[hi])}");
            checks.Add(Check.Against(rise, s.Values[hi] - s.Values[from], "> margin", margin, -margin, band, strict: true)
                with { Paper = s.Paper is { } p ? p[hi] - p[from] : null });
            if (Monotone)
            {
                checks.Add(Check.SpearmanAtLeast(s.Label + ", Spearman(λ_pred, value)", s.PredictionWeights, s.Values, MonotoneRho, band)
                    with { Paper = s.Paper is { } p2 ? Spearman.Rho(s.PredictionWeights, p2) : null });
            }
        }
        return checks;
    }

    /// <inheritdoc />
    public override IReadOnlyList<NoiseMargin> Margins(IReadOnlyList<(ulong Seed, IReadOnlyList<PredictionWeightSweep> Input)> seeds)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        if (seeds.Count == 0)
        {
            return [];
        }
        return [.. seeds[0].Input.DistinctBy(s => s.Label).Select(s => MarginOf(s.Label, [.. seeds.Select(x => (x.Seed, (IReadOnlyList<double>)x.Input.First(y => y.Label == s.Label).InOrder()))], s.Band(NoiseBands.Measured)))];
    }

    // The paper's values at the sweep's λ_pred, where it printed every one of them (ML-1M only).
    private static double[]? PaperSweep(SeriesName series, double[] weights, Func<PaperAblationRow, double> value)
    {
        if (series.Dataset != PaperAblationNumbers.Dataset)
        {
            return null;
        }
        var rows = weights.Select(w => PaperAblationNumbers.Ml1m.FirstOrDefault(r => r.PredictionWeight == w)).ToArray();
        return rows.Any(r => r is null) ? null : [.. rows.Select(r => value(r!))];
    }

    private static int SecondSmallest(PredictionWeightSweep s) =>
        Enumerable.Range(0, s.PredictionWeights.Count).OrderBy(i => s.PredictionWeights[i]).Skip(1).First();
}
