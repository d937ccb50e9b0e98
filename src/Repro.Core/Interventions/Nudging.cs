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
/// <param name="Target">Share of the target concept.</param>
/// <param name="Audience">The edited users (dense indices, ascending).</param>
public sealed record NudgingResult(Recommenders.RecommenderKind ModelKind, IReadOnlyList<double> Grid, InterventionRow Target, IReadOnlyList<int> Audience);

/// <summary>
/// Nudging (SPEC §6): a given audience (ML-1M: young users, age code 1, among the SAE-test users; Last.FM: the
/// 20 SAE-test users with the highest share of a source concept, via <see cref="InterventionAudience.TopShare"/>)
/// gets the target concept's latent raised; the target's top-30 share should rise.
/// </summary>
public static class Nudging
{
    /// <summary>Runs the experiment. <paramref name="latent"/> is the target concept's neuron from the purity rule.</summary>
    public static NudgingResult Run(LatentIntervention intervention, IReadOnlyList<int> audience, Repro.Data.ConceptTable concepts, int target, int latent, NudgingSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(intervention);
        ArgumentNullException.ThrowIfNull(audience);
        ArgumentNullException.ThrowIfNull(concepts);
        settings ??= NudgingSettings.Paper;
        int[] users = audience.ToArray();

        double orig;
        using (NewDisposeScope())
        {
            orig = InterventionAudience.MeanListShare(Ranking.TopK(intervention.OriginalLogits(users), settings.TopN), concepts, target);
        }
        var values = new double[settings.Values.Count];
        for (int k = 0; k < values.Length; k++)
        {
            using var scope = NewDisposeScope();
            int[][] top = Ranking.TopK(intervention.UserEditLogits(users, latent, settings.Values[k]), settings.TopN);
            values[k] = InterventionAudience.MeanListShare(top, concepts, target);
        }
        var row = new InterventionRow("nudging", concepts.Names[target], latent, users.Length, orig, values);
        return new NudgingResult(intervention.Model.Kind, settings.Values.ToArray(), row, users);
    }
}
