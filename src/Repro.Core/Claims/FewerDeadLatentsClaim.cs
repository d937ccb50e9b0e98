using System.Globalization;
using Repro.Data;
using Repro.Experiments;
using Repro.Recommenders;

namespace Repro.Claims;

/// <summary>
/// Claim 6 over several comparisons (datasets, latent widths; each the mean over its seeds): KL leaves fewer dead
/// latents than Top-K when its dead rate is lower by at least <see cref="DeadRateMargin"/>; Top-K ahead by the margin
/// refutes; closer (e.g. 0 against 0) is a tie. A comparison whose L0 differ by more than
/// <see cref="L0RelativeTolerance"/> is not at matched sparsity and is left out (NOT APPLICABLE if all are).
/// </summary>
public sealed record FewerDeadLatentsClaim() : Claim(6, "KL sparsity leaves fewer dead latents than Top-K at matched L0")
{
    /// <summary>A difference in dead rate counts only beyond this margin (one latent of 22 is 0.045).</summary>
    public const double DeadRateMargin = 0.02;

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
    public override ClaimRow Rule(LedgerEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return Rule([.. Comparisons.Select(c => evidence.Read(this, c.Series, cell =>
        {
            var rows = evidence.KlVersusTopK(cell, c.Width).Rows;
            return new DeadLatentComparison(string.Create(CultureInfo.InvariantCulture, $"{cell.Label} m = {cell.Sae.Latents * c.Width}"),
                rows.Average(r => r.KlHealth.DeadRate), rows.Average(r => r.KlHealth.L0), rows.Average(r => r.TopKHealth.DeadRate), rows.Average(r => r.TopKHealth.L0));
        }))]);
    }

    /// <summary>The verdict on KL-versus-Top-K comparisons.</summary>
    public ClaimRow Rule(IReadOnlyList<DeadLatentComparison> comparisons)
    {
        ArgumentNullException.ThrowIfNull(comparisons);
        var outcomes = new List<bool?>();
        var parts = new List<string>();
        foreach (var c in comparisons)
        {
            bool matched = Math.Abs(c.KlL0 - c.TopKL0) <= L0RelativeTolerance * Math.Abs(c.TopKL0);
            parts.Add($"{c.Label}: dead rate KL {NumberText.Fixed(c.KlDeadRate, 3)} vs Top-K {NumberText.Fixed(c.TopKDeadRate, 3)}, L0 {NumberText.Significant(c.KlL0)} vs {NumberText.Significant(c.TopKL0)}{(matched ? "" : " (L0 not matched: left out)")}");
            if (matched)
            {
                outcomes.Add(c.TopKDeadRate >= c.KlDeadRate + DeadRateMargin ? true : c.KlDeadRate >= c.TopKDeadRate + DeadRateMargin ? false : null);
            }
        }
        var verdict = outcomes.Count == 0 ? Verdict.NotApplicable
            : outcomes.Any(o => o == false) ? Verdict.NotReproduced
            : outcomes.Any(o => o == true) ? Verdict.Reproduced
            : Verdict.Inconclusive;
        return Row(parts.Count == 0 ? "-" : string.Join("; ", parts), verdict,
            string.Create(CultureInfo.InvariantCulture, $"test: KL dead rate <= Top-K's - {NumberText.Fixed(DeadRateMargin)} in some comparison at matched L0 (within {100 * L0RelativeTolerance} %) and Top-K never ahead by the margin; all within the margin = tie"));
    }

    private static SeriesName Compared(DatasetName dataset, RecommenderKind model, int width) =>
        new(dataset, model, width == 1 ? "KL vs Top-K at m" : string.Create(CultureInfo.InvariantCulture, $"KL vs Top-K at {width} × m"));
}
