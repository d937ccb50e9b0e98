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
public sealed record SaeNode(RecommenderNode Recommender, SaeSettings Settings, ulong Seed)
{
    /// <summary>"ml-1m MF SAE (ml-1m MF, λ_pred=1, seed 42)", with Top-K's k where it has one.</summary>
    public string Label => string.Create(CultureInfo.InvariantCulture,
        $"{Recommender.Dataset} {Recommender.Settings.Kind} SAE ({Settings.Name}{(Settings.TopK is int topK ? $", top-{topK}" : "")}, λ_pred={Settings.PredictionWeight}, seed {Seed})");
}
