using Repro.Experiments;

namespace Repro.Claims;

/// <summary>
/// What the claims ledger reads, as explicit inputs: the cells measured and each experiment as a function of a cell
/// (computed on demand, so a seed's ledger runs only what its claims read). Claims find their series through
/// <see cref="Read{T}"/> by cell and name, never by position; a series that is not there is an error naming it.
/// </summary>
/// <param name="cells">The cells measured (the ledger reads the paper's four).</param>
/// <param name="concepts">Concept analyses of a cell's paper-setting SAE.</param>
/// <param name="ablation">A cell's λ_pred ablation.</param>
/// <param name="klTopKComparisons">The KL-versus-Top-K comparisons the results run: cell and multiple of its m.</param>
/// <param name="klVersusTopK">KL versus Top-K on a cell at a multiple of its m.</param>
/// <param name="interventions">Every intervention grid of a cell.</param>
/// <param name="hierarchy">A cell's Matryoshka hierarchy.</param>
public sealed class LedgerEvidence(
    IReadOnlyList<PaperSetting> cells,
    Func<PaperSetting, ConceptResult> concepts,
    Func<PaperSetting, PredictionWeightAblationResult> ablation,
    IReadOnlyList<(PaperSetting Cell, int Width)> klTopKComparisons,
    Func<PaperSetting, int, KlVersusTopKResult> klVersusTopK,
    Func<PaperSetting, InterventionResult> interventions,
    Func<PaperSetting, HierarchyResult> hierarchy)
{
    private readonly IReadOnlyList<PaperSetting> _cells = cells ?? throw new ArgumentNullException(nameof(cells));
    private readonly IReadOnlyList<(PaperSetting Cell, int Width)> _klTopKComparisons = klTopKComparisons ?? throw new ArgumentNullException(nameof(klTopKComparisons));

    /// <summary>
    /// Reads <paramref name="series"/> for <paramref name="claim"/>: finds its cell by dataset and model and applies
    /// <paramref name="read"/>, whose lookups throw <see cref="KeyNotFoundException"/> naming what they hold. Either
    /// miss becomes one error naming the claim and the series.
    /// </summary>
    public T Read<T>(Claim claim, SeriesName series, Func<PaperSetting, T> read)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(read);
        var cell = _cells.FirstOrDefault(c => c.Dataset == series.Dataset && c.Model == series.Model);
        try
        {
            return cell is null
                ? throw new KeyNotFoundException($"no {series.Cell} cell among the results (cells: {string.Join(", ", _cells.Select(c => c.Label))})")
                : read(cell);
        }
        catch (KeyNotFoundException e)
        {
            throw new KeyNotFoundException($"Claim {claim.Number} reads '{series}': {e.Message}", e);
        }
    }

    /// <summary>Concept analyses of a cell's paper-setting SAE.</summary>
    public ConceptResult Concepts(PaperSetting cell) => concepts(cell);

    /// <summary>A cell's λ_pred ablation.</summary>
    public PredictionWeightAblationResult Ablation(PaperSetting cell) => ablation(cell);

    /// <summary>KL versus Top-K on a cell at <paramref name="width"/> × its m; a comparison the results do not run is missing.</summary>
    public KlVersusTopKResult KlVersusTopK(PaperSetting cell, int width)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return _klTopKComparisons.Any(c => c.Cell.Label == cell.Label && c.Width == width)
            ? klVersusTopK(cell, width)
            : throw new KeyNotFoundException($"no KL-versus-Top-K comparison at {width} × m (compared: {(_klTopKComparisons.Count == 0 ? "none" : string.Join(", ", _klTopKComparisons.Select(c => $"{c.Cell.Label} at {c.Width} × m")))})");
    }

    /// <summary>Every intervention grid of a cell.</summary>
    public InterventionResult Interventions(PaperSetting cell) => interventions(cell);

    /// <summary>A cell's Matryoshka hierarchy.</summary>
    public HierarchyResult Hierarchy(PaperSetting cell) => hierarchy(cell);

    /// <summary>The one element of <paramref name="items"/> named <paramref name="name"/>; throws naming the names present when there is none or several.</summary>
    /// <param name="items">Where to look.</param>
    /// <param name="nameOf">An element's name.</param>
    /// <param name="name">The name wanted (compared exactly).</param>
    /// <param name="what">What the elements are, for the error ("suppression").</param>
    public static T Named<T>(IEnumerable<T> items, Func<T, string> nameOf, string name, string what)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(nameOf);
        var all = items.ToList();
        var hits = all.Where(i => nameOf(i) == name).ToList();
        string has = $"(has: {string.Join(", ", all.Select(nameOf))})";
        return hits.Count == 1 ? hits[0]
            : throw new KeyNotFoundException(hits.Count == 0 ? $"no {what} '{name}' {has}" : $"{what} '{name}' is ambiguous {has}");
    }
}
