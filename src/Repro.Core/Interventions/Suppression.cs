using Repro.Data;
using Repro.Recommenders;
using static TorchSharp.torch;

namespace Repro.Interventions;

/// <summary>Settings of the suppression experiment; <see cref="Paper"/> is the paper's.</summary>
/// <param name="Values">Absolute values written into the concept's latent, in the paper's order.</param>
/// <param name="AudienceSize">How many of the concept's strongest fans (by interaction share) are edited.</param>
/// <param name="TopN">Length of the recommendation list whose concept share is measured.</param>
public sealed record SuppressionSettings(IReadOnlyList<double> Values, int AudienceSize = 20, int TopN = LatentIntervention.TopN)
{
    /// <summary>v ∈ {1, 0.5, 0, −0.5, −1, −1.5}, 20 users, top 30.</summary>
    public static SuppressionSettings Paper { get; } = new([1, 0.5, 0, -0.5, -1, -1.5]);
}

/// <summary>
/// Result of a suppression run: the target concept's share in the top N per v, and the other concepts' shares
/// (the side effect: where the freed slots go).
/// </summary>
/// <param name="ModelKind">The recommender.</param>
/// <param name="Grid">The values v, in run order.</param>
/// <param name="Target">Share of the suppressed concept.</param>
/// <param name="OtherConcepts">Share of every other concept of the table, same audience and lists.</param>
/// <param name="Audience">The edited users (dense indices, ascending).</param>
public sealed record SuppressionResult(Recommenders.RecommenderKind ModelKind, IReadOnlyList<double> Grid, InterventionRow Target, IReadOnlyList<InterventionRow> OtherConcepts, IReadOnlyList<int> Audience);

/// <summary>
/// Suppression (SPEC §6): the concept's strongest fans among the SAE-test users get the concept's latent
/// overwritten with decreasing values; their top-30 share of the concept should fall.
/// </summary>
public static class Suppression
{
    /// <summary>Runs the experiment. <paramref name="latent"/> is the concept's neuron from the purity rule.</summary>
    public static SuppressionResult Run(LatentIntervention intervention, RecDataset data, Split split, ConceptTable concepts, int concept, int latent, SuppressionSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(intervention);
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(concepts);
        settings ??= SuppressionSettings.Paper;
        int[] audience = InterventionAudience.TopShare(data, split.SaeTestUsers, concepts, concept, settings.AudienceSize);

        int[][] orig;
        using (NewDisposeScope())
        {
            orig = Ranking.TopK(intervention.OriginalLogits(audience), settings.TopN);
        }
        var lists = new List<int[][]>(settings.Values.Count);
        foreach (double v in settings.Values)
        {
            using var scope = NewDisposeScope();
            lists.Add(Ranking.TopK(intervention.UserEditLogits(audience, latent, v), settings.TopN));
        }

        InterventionRow Row(int c) => new(
            "suppression", concepts.Names[c], latent, audience.Length,
            InterventionAudience.MeanListShare(orig, concepts, c),
            lists.Select(l => InterventionAudience.MeanListShare(l, concepts, c)).ToArray());

        var others = Enumerable.Range(0, concepts.Count).Where(c => c != concept).Select(Row).ToArray();
        return new SuppressionResult(intervention.Model.Kind, settings.Values.ToArray(), Row(concept), others, audience);
    }
}
