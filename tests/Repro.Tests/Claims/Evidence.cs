using NUnit.Framework;
using Repro.Analysis;
using Repro.Experiments;
using Repro.Claims;
using Repro.Interventions;

namespace Repro.Tests.Claims;

/// <summary>Hand-made results for a claim to read through <see cref="LedgerEvidence"/>; anything a test does not give fails if read.</summary>
internal static class Evidence
{
    /// <summary>The paper's four cells, as the results list them.</summary>
    public static IReadOnlyList<PaperSetting> PaperCells { get; } =
        [.. PaperSetting.PaperDatasets.SelectMany(d => PaperSetting.Models.Select(m => PaperSetting.For(d, m)))];

    /// <summary>Evidence over <paramref name="cells"/> (default: the paper's four) with only the given experiments.</summary>
    public static LedgerEvidence With(
        IReadOnlyList<PaperSetting>? cells = null,
        Func<PaperSetting, ConceptResult>? concepts = null,
        Func<PaperSetting, PredictionWeightAblationResult>? ablation = null,
        IReadOnlyList<(PaperSetting Cell, int Width)>? klTopKComparisons = null,
        Func<PaperSetting, int, KlVersusTopKResult>? klVersusTopK = null,
        Func<PaperSetting, InterventionResult>? interventions = null,
        Func<PaperSetting, HierarchyResult>? hierarchy = null) =>
        new(cells ?? PaperCells, concepts ?? NotGiven<ConceptResult>("concepts"), ablation ?? NotGiven<PredictionWeightAblationResult>("λ_pred ablation"),
            klTopKComparisons ?? [], klVersusTopK ?? ((c, _) => NotGiven<KlVersusTopKResult>("KL vs Top-K")(c)),
            interventions ?? NotGiven<InterventionResult>("interventions"), hierarchy ?? NotGiven<HierarchyResult>("hierarchy"));

    /// <summary>A cell's concept analyses holding only the given purity tables, popularity neuron and era neurons.</summary>
    public static ConceptResult Concepts(PaperSetting cell, IReadOnlyList<ConceptPurityResult>? purity = null, PopularityNeuronResult? popularity = null, EraNeuronsResult? era = null) =>
        new(cell, new ConceptReport(cell.Label, purity ?? [], popularity ?? new PopularityNeuronResult(1, 1, [0.0], 0), era, null, "hand-made"), new NeuronCardsResult(cell.Label, 0, "genre", []), new float[0, 0]);

    /// <summary>A purity table whose concepts have purity@10 (and @20, @50) as given.</summary>
    public static ConceptPurityResult Purity(string kind, params (string Name, double P10)[] rows) =>
        new(kind, [.. rows.Select((r, i) => new ConceptPurityRow(i, r.Name, i, r.P10, r.P10, r.P10, 0.1))]);

    /// <summary>A cell's intervention grids (seed 42): only the given suppressions, nudges, promotions and skipped grids.</summary>
    public static InterventionResult InterventionsOf(PaperSetting cell, IReadOnlyList<SuppressionResult>? suppressions = null,
        IReadOnlyList<(string Audience, NudgingResult Result)>? nudges = null, IReadOnlyList<PromotionResult>? promotions = null, IReadOnlyList<SkippedGrid>? skipped = null) =>
        new(cell, "genre", 42, suppressions ?? [], nudges ?? [], promotions ?? [], skipped ?? []);

    /// <summary>A target row: the concept's share for the unedited model and at each v.</summary>
    public static InterventionRow Target(string concept, double orig, params double[] values) => new("hand-made", concept, 0, 20, orig, values);

    private static Func<PaperSetting, T> NotGiven<T>(string what) =>
        cell => throw new AssertionException($"The claim read the {what} of {cell.Label}, which this test does not give.");
}
