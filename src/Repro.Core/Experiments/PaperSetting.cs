using Repro.Recommenders;
using Repro.SparseAutoencoders;

namespace Repro.Experiments;

/// <summary>One (dataset, model) cell of the paper with its recommender and SAE presets (SPEC §3–§4).</summary>
/// <param name="Dataset">"ml-1m", "lastfm" or "synthetic".</param>
/// <param name="Model">The recommender.</param>
/// <param name="Recommender">The recommender's settings.</param>
/// <param name="Sae">The SAE's settings (the paper's λ table).</param>
public sealed record PaperSetting(string Dataset, RecommenderKind Model, RecommenderSettings Recommender, SaeSettings Sae)
{
    /// <summary>The two real datasets of the paper.</summary>
    public static IReadOnlyList<string> PaperDatasets { get; } = ["ml-1m", "lastfm"];

    /// <summary>The two recommenders.</summary>
    public static IReadOnlyList<RecommenderKind> Models { get; } = [RecommenderKind.MF, RecommenderKind.NCF];

    /// <summary>
    /// The planted set's SAE: the ML-1M MF weights with smaller batches and fewer epochs, because the set has
    /// only 480 SAE-training users (256-user batches would give 4 steps an epoch).
    /// </summary>
    public static SaeSettings SyntheticSae { get; } = SaeSettings.Ml1mMf with { Latents = 16, UserBatch = 64, ItemBatch = 64, Steps = 600, Name = "synthetic" };

    /// <summary>Human label ("ml-1m MF").</summary>
    public string Label => Dataset + " " + Model;

    /// <summary>The preset cell for a dataset and model; throws naming the valid choices.</summary>
    public static PaperSetting For(string dataset, RecommenderKind model) => (dataset, model) switch
    {
        ("ml-1m", RecommenderKind.MF) => new(dataset, model, RecommenderSettings.Ml1mMf, SaeSettings.Ml1mMf),
        ("ml-1m", RecommenderKind.NCF) => new(dataset, model, RecommenderSettings.Ml1mNcf, SaeSettings.Ml1mNcf),
        ("lastfm", RecommenderKind.MF) => new(dataset, model, RecommenderSettings.LastFmMf, SaeSettings.LastFmMf),
        ("lastfm", RecommenderKind.NCF) => new(dataset, model, RecommenderSettings.LastFmNcf, SaeSettings.LastFmNcf),
        ("synthetic", RecommenderKind.MF) => new(dataset, model, RecommenderSettings.SyntheticMf, SyntheticSae),
        ("synthetic", RecommenderKind.NCF) => new(dataset, model, RecommenderSettings.SyntheticNcf, SyntheticSae with { EmbeddingWeight = 2, PredictionWeight = 10, KlWeight = 0.07, Schedule = SaeSchedule.AlignedPairs, PairsPerStep = 128 }),
        _ => throw new ArgumentException($"No paper setting for dataset '{dataset}' and model '{model}': datasets are ml-1m, lastfm, synthetic; models MF, NCF."),
    };
}
