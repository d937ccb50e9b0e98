using System.Globalization;
using Repro.Data;
using Repro.Experiments;
using Repro.Recommenders;
using Repro.SparseAutoencoders;

namespace Repro.Claims;

/// <summary>
/// Claim 6 over several comparisons (datasets, latent widths; one seed each): KL leaves fewer dead latents than Top-K
/// at matched L0. Per comparison, two exact counts decide: dead latents (active on nothing) and nearly dead ones
/// (active on fewer than <see cref="NearlyDeadFrequency"/> of users and items, the dead included); KL ahead by one
/// latent passes, Top-K ahead by one fails, equal is a tie. A seed passes when KL is ahead somewhere and Top-K nowhere.
/// A comparison whose L0 differ by more than <see cref="L0RelativeTolerance"/> is not at matched sparsity and is left
/// out (NOT APPLICABLE if all are). Reported beside the verdict: how far Top-K is ahead of KL on FVU and RBO at the same
/// L0, against each comparison's margin (2 × pooled sd over seeds) and the numbers' noise band.
/// </summary>
public sealed record FewerDeadLatentsClaim() : CheckedClaim<IReadOnlyList<DeadLatentComparison>>(6, "KL sparsity leaves fewer dead latents than Top-K at matched L0")
{
    /// <summary>A latent active on fewer than this share of all users and items is nearly dead (0.1 %).</summary>
    public const double NearlyDeadFrequency = 0.001;

    /// <summary>Two SAEs are at matched sparsity when their L0 differ by at most this fraction of the Top-K L0.</summary>
    public const double L0RelativeTolerance = 0.1;

    /// <summary>The width, in multiples of the paper's m, where dead latents can appear (at m = 22 neither sparsity leaves any).</summary>
    public const int WideFactor = 4;

    /// <summary>
    /// The comparisons a run of <paramref name="cells"/> makes (deviation D12), declared here once for the claim and the
    /// run plan alike: every MF cell and the first dataset's NCF at the cell's m, the first dataset's MF also at
    /// <see cref="WideFactor"/> × m (its SAEs are the cheapest).
    /// </summary>
    /// <param name="cells">The run's (dataset, model) cells, the first dataset first.</param>
    public static IReadOnlyList<(DatasetName Dataset, RecommenderKind Model, int Width)> ComparisonsOf(IReadOnlyList<(DatasetName Dataset, RecommenderKind Model)> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Count == 0)
        {
            return [];
        }
        DatasetName first = cells[0].Dataset;
        return
        [
            .. cells.Where(c => c.Model == RecommenderKind.MF || c.Dataset == first).Select(c => (c.Dataset, c.Model, 1)),
            .. cells.Where(c => c.Model == RecommenderKind.MF && c.Dataset == first).Select(c => (c.Dataset, c.Model, WideFactor)),
        ];
    }

    /// <summary>
    /// The paper's comparisons (<see cref="ComparisonsOf"/> of its four cells): every MF cell and ML-1M NCF at the
    /// paper's m, ML-1M MF also at <see cref="WideFactor"/> × m; <see cref="LedgerEvidence.KlVersusTopK"/> names one the
    /// run did not make.
    /// </summary>
    public static IReadOnlyList<(SeriesName Series, int Width)> Comparisons { get; } =
        [.. ComparisonsOf([.. PaperSetting.PaperDatasets.SelectMany(d => PaperSetting.Models.Select(m => (d, m)))]).Select(c => (Compared(c.Dataset, c.Model, c.Width), c.Width))];

    /// <inheritdoc />
    public override IReadOnlyList<SeriesName> Reads => [.. Comparisons.Select(c => c.Series)];

    /// <inheritdoc />
    public override string PaperNumbers => "none printed (the paper has no Top-K baseline, D12; its claim: KL is more stable than Top-K)";

    /// <inheritdoc />
    public override string Test => string.Create(CultureInfo.InvariantCulture,
        $"per comparison at matched L0 (within {100 * L0RelativeTolerance} %; Last.FM is HetRec, D1): Top-K's dead latents − KL's, and Top-K's latents active on < {100 * NearlyDeadFrequency} % of users and items − KL's (exact counts): ≥ 1 passes, ≤ −1 fails, 0 ties; a seed passes when one passes and none fails. Reported: KL FVU − Top-K FVU and Top-K RBO − KL RBO against margin (2 × pooled sd over seeds, see Margins) + band (FVU ±{Tolerances.Fvu}, RBO ±{Tolerances.Rbo})");

    /// <inheritdoc />
    public override IReadOnlyList<DeadLatentComparison> Read(LedgerEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return [.. Comparisons.Select(c => evidence.Read(this, c.Series, cell =>
        {
            var rows = evidence.KlVersusTopK(cell, c.Width).Rows;
            string label = string.Create(CultureInfo.InvariantCulture, $"{cell.Label} m = {cell.Sae.Latents * c.Width}");
            return new DeadLatentComparison(label,
                Numbers(rows.Select(r => (r.KlHealth, r.KlFidelity.Rbo)).ToList()), Numbers(rows.Select(r => (r.TopKHealth, r.TopKFidelity.Rbo)).ToList()));
        }))];
    }

    /// <summary>What claim 6 compares of SAEs trained with one setting (means over their rows; counts rounded to the nearest latent).</summary>
    public static SparsityNumbers Numbers(IReadOnlyList<(SaeHealthReport Health, double Rbo)> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return new SparsityNumbers(rows[0].Health.Latents, rows.Average(r => r.Health.L0),
            (int)Math.Round(rows.Average(r => r.Health.DeadLatents)), (int)Math.Round(rows.Average(r => (double)r.Health.ActivationFrequency.Count(f => f < NearlyDeadFrequency))),
            rows.Average(r => r.Health.Fvu), rows.Average(r => r.Rbo));
    }

    /// <summary>The verdict on one seed's comparisons (our numbers).</summary>
    public ClaimRow Rule(IReadOnlyList<DeadLatentComparison> comparisons) => Rule(comparisons, NoiseBands.Measured);

    /// <inheritdoc />
    protected override CheckOutcome Decide(IReadOnlyList<CheckOutcome> outcomes) => Decision.SomeAndNoneAgainst(outcomes);

    /// <inheritdoc />
    public override IReadOnlyList<Check> Checks(IReadOnlyList<DeadLatentComparison> input, NoiseBands bands)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(bands);
        var checks = new List<Check>();
        foreach (var c in input)
        {
            string l0 = string.Create(CultureInfo.InvariantCulture, $" (L0 {NumberText.Significant(c.Kl.L0)} vs {NumberText.Significant(c.TopK.L0)}{(c.Matched ? "" : ": not matched, left out")})");
            checks.Add(Check.Against(c.Label + ", dead latents Top-K − KL" + l0, c.TopK.Dead - c.Kl.Dead, "> 0", 0.5, -0.5, 0, step: 1, stepName: "one latent") with { Decides = c.Matched });
            checks.Add(Check.Against(c.Label + ", latents active on < 0.1 % Top-K − KL", c.TopK.NearlyDead - c.Kl.NearlyDead, "> 0", 0.5, -0.5, 0, step: 1, stepName: "one latent") with { Decides = c.Matched });
            double fvuMargin = NoiseMargins.Of(c.Label + " FVU"), rboMargin = NoiseMargins.Of(c.Label + " RBO");
            checks.Add(Check.Against(c.Label + ", FVU KL − Top-K (reported)", c.Kl.Fvu - c.TopK.Fvu, "> margin: Top-K ahead", fvuMargin, -fvuMargin, bands.Fvu, strict: true) with { Decides = false });
            checks.Add(Check.Against(c.Label + ", RBO Top-K − KL (reported)", c.TopK.Rbo - c.Kl.Rbo, "> margin: Top-K ahead", rboMargin, -rboMargin, bands.Rbo, strict: true) with { Decides = false });
        }
        return checks;
    }

    /// <inheritdoc />
    public override IReadOnlyList<NoiseMargin> Margins(IReadOnlyList<(ulong Seed, IReadOnlyList<DeadLatentComparison> Input)> seeds)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        if (seeds.Count == 0)
        {
            return [];
        }
        DeadLatentComparison At((ulong Seed, IReadOnlyList<DeadLatentComparison> Input) seed, string label) => seed.Input.First(x => x.Label == label);
        return [.. seeds[0].Input.DistinctBy(c => c.Label).SelectMany(c => new[]
        {
            MarginOf(c.Label + " FVU", [.. seeds.Select(s => (s.Seed, (IReadOnlyList<double>)[At(s, c.Label).Kl.Fvu, At(s, c.Label).TopK.Fvu]))], NoiseBands.Measured.Fvu),
            MarginOf(c.Label + " RBO", [.. seeds.Select(s => (s.Seed, (IReadOnlyList<double>)[At(s, c.Label).Kl.Rbo, At(s, c.Label).TopK.Rbo]))], NoiseBands.Measured.Rbo),
        })];
    }

    private static SeriesName Compared(DatasetName dataset, RecommenderKind model, int width) =>
        new(dataset, model, width == 1 ? "KL vs Top-K at m" : string.Create(CultureInfo.InvariantCulture, $"KL vs Top-K at {width} × m"));
}
