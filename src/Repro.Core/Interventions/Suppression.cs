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
/// <param name="Target">Share of the suppressed concept, "edit only" (the claims' protocol), with its no-edit baseline.</param>
/// <param name="OtherConcepts">Share of every other concept of the table, same audience and lists ("edit only").</param>
/// <param name="Audience">The edited users (dense indices, ascending).</param>
public sealed record SuppressionResult(Recommenders.RecommenderKind ModelKind, IReadOnlyList<double> Grid, InterventionRow Target, IReadOnlyList<InterventionRow> OtherConcepts, IReadOnlyList<int> Audience)
{
    /// <summary>The target's share under the model's other protocols (the notebook protocol on NCF), each with its no-edit baseline.</summary>
    public IReadOnlyList<InterventionRow> OtherProtocols { get; init; } = [];

    /// <summary>How the edited latent was chosen (D14); null when the caller gave the latent.</summary>
    public LatentChoice? Choice { get; init; }

    /// <summary>The same edit on the other latents active on the audience; null when not run.</summary>
    public InterventionControl? Control { get; init; }
}

/// <summary>
/// Suppression (SPEC §6): the concept's strongest fans among the SAE-test users get the concept's latent
/// overwritten with decreasing values; their top-30 share of the concept should fall.
/// </summary>
public static class Suppression
{
    /// <summary>Runs the experiment ("edit only") on the concept's 20 strongest fans among the SAE-test users; <paramref name="latent"/> is the concept's latent.</summary>
    public static SuppressionResult Run(LatentIntervention intervention, RecDataset data, Split split, ConceptTable concepts, int concept, int latent, SuppressionSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(split);
        settings ??= SuppressionSettings.Paper;
        int[] audience = InterventionAudience.TopShare(data, split.SaeTestUsers, concepts, concept, settings.AudienceSize);
        return Run(intervention, audience, concepts, concept, latent, [InterventionProtocol.EditOnly], settings);
    }

    /// <summary>
    /// Runs the experiment on a given audience under each of <paramref name="protocols"/> (the first is the
    /// <see cref="SuppressionResult.Target"/>; the side effect is measured under it).
    /// </summary>
    public static SuppressionResult Run(LatentIntervention intervention, IReadOnlyList<int> audience, ConceptTable concepts, int concept, int latent, IReadOnlyList<InterventionProtocol> protocols, SuppressionSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(intervention);
        ArgumentNullException.ThrowIfNull(audience);
        ArgumentNullException.ThrowIfNull(concepts);
        ArgumentNullException.ThrowIfNull(protocols);
        if (protocols.Count == 0)
        {
            throw new ArgumentException("At least one protocol.", nameof(protocols));
        }
        settings ??= SuppressionSettings.Paper;
        int[] users = [.. audience];
        int[][] Top(Func<Tensor> logits)
        {
            using var scope = NewDisposeScope();
            return users.Length == 0 ? [] : Ranking.TopK(logits(), settings.TopN);
        }

        int[][] orig = Top(() => intervention.OriginalLogits(users));
        var rows = new List<(InterventionProtocol Protocol, int[][] NoEdit, List<int[][]> Lists)>();
        foreach (var protocol in protocols)
        {
            int[][] noEdit = Top(() => intervention.UserLogits(users, latent, null, protocol));
            var lists = settings.Values.Select(v => Top(() => intervention.UserLogits(users, latent, v, protocol))).ToList();
            rows.Add((protocol, noEdit, lists));
        }

        InterventionRow Row(int c, (InterventionProtocol Protocol, int[][] NoEdit, List<int[][]> Lists) r) => new(
            "suppression", concepts.Names[c], latent, users.Length,
            InterventionAudience.MeanListShare(orig, concepts, c),
            [.. r.Lists.Select(l => InterventionAudience.MeanListShare(l, concepts, c))])
        {
            Protocol = r.Protocol,
            NoEdit = InterventionAudience.MeanListShare(r.NoEdit, concepts, c),
        };

        var others = Enumerable.Range(0, concepts.Count).Where(c => c != concept).Select(c => Row(c, rows[0])).ToArray();
        return new SuppressionResult(intervention.Model.Kind, settings.Values.ToArray(), Row(concept, rows[0]), others, users)
        {
            OtherProtocols = [.. rows.Skip(1).Select(r => Row(concept, r))],
        };
    }
}
