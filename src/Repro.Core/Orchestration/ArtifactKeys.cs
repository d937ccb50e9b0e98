using System.Globalization;
using Repro.Data;
using Repro.Recommenders;
using Repro.SparseAutoencoders;

namespace Repro.Orchestration;

/// <summary>
/// A frozen recommender of a run: trained on <paramref name="Dataset"/>'s split with <paramref name="Settings"/>
/// (whose seed is the run's). The session adds the code version, data fingerprint, split and device when it keys the
/// checkpoint on disk (<see cref="ModelCache.Key"/>).
/// </summary>
/// <param name="Dataset">The dataset's name.</param>
/// <param name="Settings">Architecture, training and seed.</param>
public sealed record RecommenderNode(DatasetName Dataset, RecommenderSettings Settings)
{
    /// <summary>"ml-1m MF recommender".</summary>
    public string Label => Dataset + " " + Settings.Kind + " recommender";
}

/// <summary>
/// An SAE of a run: trained on <paramref name="Recommender"/> with <paramref name="Settings"/> and
/// <paramref name="Seed"/>. On disk it is keyed by these and its recommender's weight fingerprint (<see cref="SaeCache.Key"/>).
/// </summary>
/// <param name="Recommender">The recommender whose embeddings it reads.</param>
/// <param name="Settings">The SAE's settings (λ's, m, variant, budget).</param>
/// <param name="Seed">Seed of its initialisation and batches.</param>
/// <remarks>
/// Two nodes are the same SAE when their settings have the same training identity
/// (<see cref="SaeSettings.TrainingIdentity"/>), whatever their display names: the Matryoshka's plain control on the
/// planted set is the λ_pred = 1 SAE of the sweep, so it is made, timed and imported once.
/// </remarks>
public sealed record SaeNode(RecommenderNode Recommender, SaeSettings Settings, ulong Seed)
{
    private string Identity => Settings.TrainingIdentity(Recommender.Settings.Kind);

    /// <summary>Same recommender, seed and training identity.</summary>
    public bool Equals(SaeNode? other) =>
        other is not null && Recommender == other.Recommender && Seed == other.Seed && string.Equals(Identity, other.Identity, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Recommender, Seed, StringComparer.Ordinal.GetHashCode(Identity));

    /// <summary>"ml-1m MF SAE (ml-1m MF, λ_pred=1, seed 42)", with Top-K's k where it has one.</summary>
    public string Label => string.Create(CultureInfo.InvariantCulture,
        $"{Recommender.Dataset} {Recommender.Settings.Kind} SAE ({Settings.Name}{(Settings.TopK is int topK ? $", top-{topK}" : "")}, λ_pred={Settings.PredictionWeight}, seed {Seed})");
}
