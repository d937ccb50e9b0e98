namespace Repro.Experiments;

/// <summary>
/// One series the original reported, for a paper-versus-ours column. Values align with <see cref="Grid"/>;
/// a null value means the original reported nothing for that v.
/// </summary>
/// <param name="Intervention">What was done ("suppress", "nudge", "promote").</param>
/// <param name="Model">The recommender.</param>
/// <param name="Concept">The concept (and item, for promotion).</param>
/// <param name="Orig">The original's value for the unedited model.</param>
/// <param name="Grid">The latent values v.</param>
/// <param name="Values">The original's value per v.</param>
/// <param name="Source">Where the numbers come from and how they were aligned.</param>
public sealed record PaperSeries(string Intervention, Recommenders.RecommenderKind Model, string Concept, double Orig, IReadOnlyList<double> Grid, IReadOnlyList<double?> Values, string Source);

/// <summary>
/// The original's reported numbers (from /work/shared/PAPER-NUMBERS.md: the authors' notebooks' saved outputs and
/// plotting cells), kept as data in one place. Reference points for tables, never measurements.
/// </summary>
public static class PaperNumbers
{
    private const string Notebooks = "the authors' notebooks (saved outputs / plotting cells), ML-1M; their setup differs where the deviations table says so";

    private static readonly double[] SuppressionGrid = [1, 0.5, 0, -0.5, -1, -1.5];
    private static readonly double[] NudgingGrid = [1, 1.5, 2, 2.5, 3, 3.5, 4];
    private static readonly double[] PromotionGrid = [0, 1, 2, 3, 4, 5];

    /// <summary>ML-1M MF, suppress Horror: share of Horror in the top 30.</summary>
    public static PaperSeries Ml1mMfHorrorSuppression { get; } = new(
        "suppress", Recommenders.RecommenderKind.MF, "Horror", 0.86, SuppressionGrid, [0.64, 0.52, 0.34, 0.19, 0.09, 0.02], Notebooks);

    /// <summary>ML-1M NCF, suppress Action: share of Action in the top 30.</summary>
    public static PaperSeries Ml1mNcfActionSuppression { get; } = new(
        "suppress", Recommenders.RecommenderKind.NCF, "Action", 0.88, SuppressionGrid, [0.91, 0.71, 0.61, 0.46, 0.27, 0.17], Notebooks);

    /// <summary>ML-1M MF, nudge young users to Children's: share of Children's in the top 30.</summary>
    public static PaperSeries Ml1mMfChildrensNudging { get; } = new(
        "nudge", Recommenders.RecommenderKind.MF, "Children's", 0.04, NudgingGrid, [0.09, 0.15, 0.22, 0.32, 0.43, 0.57, 0.66], Notebooks);

    /// <summary>ML-1M NCF, nudge young users to Children's: share of Children's in the top 30.</summary>
    public static PaperSeries Ml1mNcfChildrensNudging { get; } = new(
        "nudge", Recommenders.RecommenderKind.NCF, "Children's", 0.06, NudgingGrid, [0.14, 0.28, 0.44, 0.59, 0.70, 0.75, 0.79], Notebooks);

    /// <summary>
    /// ML-1M MF, promote "Alice in Wonderland" (MovieID 1032) to Romance fans: exposure. The original lists five
    /// values, for v = 1…5 (.12, .53, .88, .94, .94); v = 0 is the unedited model (Orig 0.12) and has no value of its own.
    /// </summary>
    public static PaperSeries Ml1mMfAlicePromotion { get; } = new(
        "promote", Recommenders.RecommenderKind.MF, "Romance: Alice in Wonderland (1032)", 0.12, PromotionGrid, [null, 0.12, 0.53, 0.88, 0.94, 0.94],
        Notebooks + "; the five reported values are v = 1…5");

    /// <summary>Every intervention series the original reported.</summary>
    public static IReadOnlyList<PaperSeries> Interventions { get; } =
    [
        Ml1mMfHorrorSuppression, Ml1mNcfActionSuppression, Ml1mMfChildrensNudging, Ml1mNcfChildrensNudging, Ml1mMfAlicePromotion,
    ];
}
