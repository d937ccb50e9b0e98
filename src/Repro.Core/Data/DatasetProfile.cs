namespace Repro.Data;

/// <summary>One nudging grid of an intervention plan: an audience and the concept it is nudged toward.</summary>
/// <param name="Audience">How the audience is named in the report ("young users (age code 1)", "metal listeners").</param>
/// <param name="Source">The concept whose top-share fans form the audience; null = young users (age code 1).</param>
/// <param name="Target">The concept the audience is nudged toward.</param>
public sealed record NudgePlan(string Audience, string? Source, string Target);

/// <summary>One promotion grid: the concept whose fans see an off-concept item, and optionally a given item.</summary>
/// <param name="Concept">The concept whose latent promotes the item.</param>
/// <param name="GivenExternalId">An item named by its original id (the paper's "Alice in Wonderland"), beside the rule's item.</param>
public sealed record PromotionPlan(string Concept, int? GivenExternalId = null);

/// <summary>Which concepts the intervention grids of SPEC §6 use on a dataset.</summary>
/// <param name="Suppress">Concepts suppressed, by name.</param>
/// <param name="SuppressPurerThan">Also suppress every concept whose best neuron has at least this purity@20 (null: none).</param>
/// <param name="Nudge">Nudging grids.</param>
/// <param name="Promote">Promotion grids.</param>
public sealed record InterventionPlan(IReadOnlyList<string> Suppress, double? SuppressPurerThan, IReadOnlyList<NudgePlan> Nudge, IReadOnlyList<PromotionPlan> Promote)
{
    /// <summary>
    /// The rule for a dataset without a plan of its own: suppress the first concept of the table, nudge fans of the
    /// second toward the first, promote an item to the first's fans.
    /// </summary>
    public static InterventionPlan FromTable(ConceptTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return new([table.Names[0]], null, [new(table.Names[1] + " fans", table.Names[1], table.Names[0])], [new(table.Names[0])]);
    }
}

/// <summary>
/// Everything the analysis needs to know about a dataset beyond its interactions and concept tables: which presets
/// train its models, the constants of SPEC §5–§6 that the paper sets per dataset, and whether the paper's own
/// numbers are about it. The loader that reads a dataset attaches its profile, so no analysis switches on a name.
/// </summary>
/// <param name="Presets">Whose recommender and SAE presets train this dataset's cells.</param>
/// <param name="PopularityK">Top items per neuron read by the popularity neuron (SPEC §5).</param>
/// <param name="AudienceSize">Users in a top-share intervention audience (SPEC §6).</param>
/// <param name="InterventionConcepts">The concept table kind the interventions use; null = the primary table.</param>
/// <param name="Plan">The intervention grids; null = <see cref="InterventionPlan.FromTable"/> on the intervention table.</param>
/// <param name="IsPaperDataset">Whether the paper reports numbers on this dataset (its tables are approved, its numbers are compared).</param>
public sealed record DatasetProfile(PresetFamily Presets, int PopularityK, int AudienceSize, string? InterventionConcepts, InterventionPlan? Plan, bool IsPaperDataset)
{
    /// <summary>The paper's audience size: 20 users.</summary>
    public const int PaperAudienceSize = 20;

    /// <summary>MovieLens-1M: K = 500, genres, the paper's ML-1M grids (Horror, Action, young users to Children's, "Alice in Wonderland" to Romance fans).</summary>
    public static DatasetProfile Ml1m { get; } = new(PresetFamily.Ml1m, 500, PaperAudienceSize, "genre",
        new(["Horror", "Action"], 0.8,
            [new("young users (age code 1)", null, "Children's")],
            [new("Romance", 1032), new("Children's"), new("Drama")]),
        IsPaperDataset: true);

    /// <summary>Last.FM (HetRec 2011): K = 50, tag families, the Last.FM grids.</summary>
    public static DatasetProfile LastFm { get; } = new(PresetFamily.LastFm, 50, PaperAudienceSize, "tag family",
        new(["hip_hop", "electronic"], null,
            [new("metal listeners", "metal", "country"), new("folk listeners", "folk", "rock")],
            [new("pop"), new("metal"), new("electronic")]),
        IsPaperDataset: true);

    /// <summary>
    /// A dataset the paper does not name (the planted set, a user's MovieLens folder): K = 10 % of the catalogue
    /// (the paper names K only for its two datasets), the paper's audience size, the primary concept table.
    /// </summary>
    public static DatasetProfile Other(PresetFamily presets, int itemCount, InterventionPlan? plan = null) =>
        new(presets, GenericPopularityK(itemCount), PaperAudienceSize, null, plan, IsPaperDataset: false);

    /// <summary>Decision: K = 10 % of the catalogue (at least 1) where the paper gives none.</summary>
    public static int GenericPopularityK(int itemCount) => Math.Max(1, itemCount / 10);
}
