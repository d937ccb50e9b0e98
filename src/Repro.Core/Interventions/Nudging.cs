using Repro.Recommenders;
using static TorchSharp.torch;

namespace Repro.Interventions;

/// <summary>Settings of the nudging experiment; <see cref="Paper"/> is the paper's.</summary>
/// <param name="Values">Absolute values written into the target concept's latent, ascending.</param>
/// <param name="TopN">Length of the recommendation list whose target share is measured.</param>
public sealed record NudgingSettings(IReadOnlyList<double> Values, int TopN = LatentIntervention.TopN)
{
    /// <summary>v ∈ {1, 1.5, …, 4}, top 30.</summary>
    public static NudgingSettings Paper { get; } = new([1, 1.5, 2, 2.5, 3, 3.5, 4]);
}

/// <summary>Result of a nudging run: the target concept's share in the audience's top N per v.</summary>
/// <param name="ModelKind">The recommender.</param>
/// <param name="Grid">The values v, in run order.</param>
/// <param name="Target">Share of the target concept, "edit only" (the claims' protocol), with its no-edit baseline.</param>
/// <param name="Audience">The edited users (dense indices, ascending).</param>
public sealed record NudgingResult(Recommenders.RecommenderKind ModelKind, IReadOnlyList<double> Grid, InterventionRow Target, IReadOnlyList<int> Audience)
{
    /// <summary>The target's share under the model's other protocols (the notebook protocol on NCF), each with its no-edit baseline.</summary>
    public IReadOnlyList<InterventionRow> OtherProtocols { get; init; } = [];

    /// <summary>How the edited latent was chosen (D14); null when the caller gave the latent.</summary>
    public LatentChoice? Choice { get; init; }

    /// <summary>The same edit on the other latents active on the audience; null when not run.</summary>
    public InterventionControl? Control { get; init; }
}

/// <summary>
/// Nudging (SPEC §6): a given audience (ML-1M: young users, age code 1, among the SAE-test users; Last.FM: the
/// 20 SAE-test users with the highest share of a source concept, via <see cref="InterventionAudience.TopShare"/>)
/// gets the target concept's latent raised; the target's top-30 share should rise.
/// </summary>
public static class Nudging
{
    /// <summary>
    /// Runs the experiment under each of <paramref name="protocols"/> (default "edit only"; the first is the
    /// <see cref="NudgingResult.Target"/>). <paramref name="latent"/> is the target concept's latent. An empty audience
    /// gives NaN shares (nothing is scored).
    /// </summary>
    public static NudgingResult Run(LatentIntervention intervention, IReadOnlyList<int> audience, Repro.Data.ConceptTable concepts, int target, int latent, NudgingSettings? settings = null, IReadOnlyList<InterventionProtocol>? protocols = null)
    {
        ArgumentNullException.ThrowIfNull(intervention);
        ArgumentNullException.ThrowIfNull(audience);
        ArgumentNullException.ThrowIfNull(concepts);
        settings ??= NudgingSettings.Paper;
        protocols ??= [InterventionProtocol.EditOnly];
        if (protocols.Count == 0)
        {
            throw new ArgumentException("At least one protocol.", nameof(protocols));
        }
        int[] users = [.. audience];
        double Share(Func<Tensor> logits)
        {
            if (users.Length == 0)
            {
                return double.NaN;
            }
            using var scope = NewDisposeScope();
            return InterventionAudience.MeanListShare(Ranking.TopK(logits(), settings.TopN), concepts, target);
        }

        double orig = Share(() => intervention.OriginalLogits(users));
        var rows = protocols.Select(protocol => new InterventionRow("nudging", concepts.Names[target], latent, users.Length, orig,
            [.. settings.Values.Select(v => Share(() => intervention.UserLogits(users, latent, v, protocol)))])
        {
            Protocol = protocol,
            NoEdit = Share(() => intervention.UserLogits(users, latent, null, protocol)),
        }).ToList();
        return new NudgingResult(intervention.Model.Kind, settings.Values.ToArray(), rows[0], users) { OtherProtocols = rows.Skip(1).ToList() };
    }
}
