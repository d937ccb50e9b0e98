using System.Globalization;
using Repro.Data;
using Repro.Experiments;

namespace Repro.Claims;

/// <summary>
/// Claim 5, one row per dataset (<see cref="Ml1m"/>, the paper's; <see cref="LastFm"/>, HetRec, D1): in every MS sweep
/// of the dataset the highest MS is at an intermediate λ_pred. A sweep passes when its best intermediate MS is ahead of
/// both ends (beyond the noise band: the claim is about where the maximum lies, and the paper's own NCF sweep has it at
/// λ_pred = 2 by 0.007); it fails when an end is ahead of every intermediate λ_pred by more than the sweep's margin
/// (2 × the pooled sd over seeds of one MS, <see cref="NoiseMargins"/>) and the band; anything between is a tie.
/// </summary>
/// <param name="Dataset">The dataset whose MF and NCF sweeps are ruled.</param>
public sealed record BalancedMonosemanticityClaim(DatasetName Dataset) : CheckedClaim<IReadOnlyList<PredictionWeightSweep>>(5,
    Dataset == DatasetName.Ml1m ? "Monosemanticity is highest at an intermediate λ_pred, not at 10: on ML-1M (the paper's data)"
        : "Monosemanticity is highest at an intermediate λ_pred, not at 10: on Last.FM (HetRec 2011, not the paper's data: D1)")
{
    /// <summary>5a: the ML-1M sweeps (the paper's dataset and numbers).</summary>
    public static BalancedMonosemanticityClaim Ml1m { get; } = new(DatasetName.Ml1m) { Part = "a" };

    /// <summary>5b: the Last.FM sweeps (HetRec 2011, D1; the paper printed no Last.FM MS).</summary>
    public static BalancedMonosemanticityClaim LastFm { get; } = new(DatasetName.LastFm) { Part = "b" };

    /// <summary>The dataset's MF and NCF λ_pred ablations (their mean MS per λ_pred).</summary>
    public IReadOnlyList<SeriesName> Series => [.. PaperSetting.Models.Select(m => new SeriesName(Dataset, m, "λ_pred ablation MS"))];

    /// <inheritdoc />
    public override IReadOnlyList<SeriesName> Reads => Series;

    /// <inheritdoc />
    public override string PaperNumbers => Dataset == DatasetName.Ml1m
        ? "ML-1M MS at λ_pred 0/1/2/5/10: MF 0.464/0.58/0.578/0.567/0.553 (peak at 1); NCF 0.658/0.671/0.681/0.676/0.674 (peak at 2)"
        : "none (the paper printed no Last.FM MS)";

    /// <inheritdoc />
    public override string Test => string.Create(CultureInfo.InvariantCulture,
        $"per sweep (MF, NCF): best intermediate-λ_pred MS − the better end's MS > the noise band (MS ±{Tolerances.Monosemanticity}) passes; an end ahead of every intermediate λ_pred by more than the sweep's margin (2 × pooled sd over seeds, see Margins) + the band fails; between is a tie; every sweep must pass");

    /// <inheritdoc />
    public override IReadOnlyList<PredictionWeightSweep> Read(LedgerEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return [.. Series.Select(s =>
        {
            var rows = evidence.Read(this, s, c => evidence.Ablation(c)).Rows;
            double[] weights = [.. rows.Select(r => r.PredictionWeight)];
            var paper = s.Dataset == PaperAblationNumbers.Dataset ? weights.Select(w => PaperAblationNumbers.Ml1m.FirstOrDefault(r => r.PredictionWeight == w)).ToArray() : null;
            return new PredictionWeightSweep(s.Cell + " MS", weights, [.. rows.Select(r => r.Monosemanticity.Mean)])
            {
                Measure = SweepMeasure.Monosemanticity,
                Paper = paper is null || paper.Any(r => r is null) ? null : [.. paper.Select(r => r!.Monosemanticity(s.Model))],
            };
        })];
    }

    /// <inheritdoc />
    public override IReadOnlyList<Check> Checks(IReadOnlyList<PredictionWeightSweep> input, NoiseBands bands)
    {
        ArgumentNullException.ThrowIfNull(input);
        return [.. input.Select(s =>
        {
            double margin = NoiseMargins.Of(s.Label);
            return Check.Against(s.Label + ", best intermediate − better end", Lead(s, s.Values), "> 0; fails below −margin", 0, -margin, s.Band(bands), strict: true)
                with { Paper = s.Paper is { } p ? Lead(s, p) : null };
        })];
    }

    /// <inheritdoc />
    public override IReadOnlyList<NoiseMargin> Margins(IReadOnlyList<(ulong Seed, IReadOnlyList<PredictionWeightSweep> Input)> seeds)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        return seeds.Count == 0 ? [] : [.. seeds[0].Input.DistinctBy(s => s.Label).Select(s => MarginOf(s.Label, [.. seeds.Select(x => (x.Seed, (IReadOnlyList<double>)x.Input.First(y => y.Label == s.Label).InOrder()))], s.Band(NoiseBands.Measured)))];
    }

    /// <summary>The best MS at an intermediate λ_pred minus the better of the two ends' (NaN without an intermediate λ_pred).</summary>
    public static double Lead(PredictionWeightSweep sweep, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentNullException.ThrowIfNull(values);
        var (lo, hi) = sweep.Ends();
        double bestInner = double.NaN;
        for (int i = 0; i < values.Count; i++)
        {
            if (i != lo && i != hi && !(values[i] <= bestInner))
            {
                bestInner = values[i];
            }
        }
        return bestInner - Math.Max(values[lo], values[hi]);
    }
}
