using Repro.Data;
using Repro.Recommenders;
using Repro.SparseAutoencoders;

namespace Repro.Experiments;

/// <summary>One (dataset, model) cell of the paper with its recommender and SAE presets (SPEC §3–§4).</summary>
/// <param name="Dataset">The dataset (a catalogue dataset, the planted set, or a user's folder).</param>
/// <param name="Model">The recommender.</param>
/// <param name="Recommender">The recommender's settings.</param>
/// <param name="Sae">The SAE's settings (the paper's λ table).</param>
public sealed record PaperSetting(DatasetName Dataset, RecommenderKind Model, RecommenderSettings Recommender, SaeSettings Sae)
{
    /// <summary>Whose presets the cell's settings come from (the planted set's for a custom cell).</summary>
    public PresetFamily Presets { get; init; } = PresetFamily.Quick;

    /// <summary>The two real datasets of the paper.</summary>
    public static IReadOnlyList<DatasetName> PaperDatasets { get; } = [DatasetName.Ml1m, DatasetName.LastFm];

    /// <summary>The two recommenders.</summary>
    public static IReadOnlyList<RecommenderKind> Models { get; } = [RecommenderKind.MF, RecommenderKind.NCF];

    /// <summary>
    /// The planted set's SAE: the ML-1M MF weights with smaller batches and fewer epochs, because the set has
    /// only 480 SAE-training users (256-user batches would give 4 steps an epoch).
    /// </summary>
    public static SaeSettings SyntheticSae { get; } = SaeSettings.Ml1mMf with { Latents = 16, UserBatch = 64, ItemBatch = 64, Steps = 600, Name = "synthetic" };

    /// <summary>Human label ("ml-1m MF").</summary>
    public string Label => Dataset + " " + Model;

    /// <summary>The preset cell of a catalogue dataset (ML-1M, Last.FM, the planted set) and model; throws naming the valid choices.</summary>
    public static PaperSetting For(DatasetName dataset, RecommenderKind model)
    {
        PresetFamily family = dataset == DatasetName.Ml1m ? PresetFamily.Ml1m
            : dataset == DatasetName.LastFm ? PresetFamily.LastFm
            : dataset == DatasetName.Synthetic ? PresetFamily.Quick
            : throw new ArgumentException($"No paper setting for dataset '{dataset}': datasets are {DatasetName.Ml1m}, {DatasetName.LastFm}, {DatasetName.Synthetic} (a user's folder takes a preset family, ForPresets).", nameof(dataset));
        return ForPresets(family, model) with { Dataset = dataset };
    }

    /// <summary>The cell a preset family trains for a model, on the family's own dataset (a user's folder renames it); throws naming the valid choices.</summary>
    public static PaperSetting ForPresets(PresetFamily family, RecommenderKind model) => ((family, model) switch
    {
        (PresetFamily.Ml1m, RecommenderKind.MF) => new PaperSetting(DatasetName.Ml1m, model, RecommenderSettings.Ml1mMf, SaeSettings.Ml1mMf),
        (PresetFamily.Ml1m, RecommenderKind.NCF) => new(DatasetName.Ml1m, model, RecommenderSettings.Ml1mNcf, SaeSettings.Ml1mNcf),
        (PresetFamily.LastFm, RecommenderKind.MF) => new(DatasetName.LastFm, model, RecommenderSettings.LastFmMf, SaeSettings.LastFmMf),
        (PresetFamily.LastFm, RecommenderKind.NCF) => new(DatasetName.LastFm, model, RecommenderSettings.LastFmNcf, SaeSettings.LastFmNcf),
        (PresetFamily.Quick, RecommenderKind.MF) => new(DatasetName.Synthetic, model, RecommenderSettings.SyntheticMf, SyntheticSae),
        (PresetFamily.Quick, RecommenderKind.NCF) => new(DatasetName.Synthetic, model, RecommenderSettings.SyntheticNcf, SyntheticSae with { EmbeddingWeight = 2, PredictionWeight = 10, KlWeight = 0.07, Schedule = SaeSchedule.AlignedPairs, PairsPerStep = 128 }),
        _ => throw new ArgumentException($"No paper setting for presets '{family}' and model '{model}': presets are ml-1m, lastfm, quick; models MF, NCF."),
    }) with { Presets = family };
}
