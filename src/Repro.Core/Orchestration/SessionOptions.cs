using Repro.Data;
using Repro.Exchange;
using Repro.Experiments;

namespace Repro.Orchestration;

/// <summary>Options of one reproduction run.</summary>
/// <param name="Seed">Seed of the split, every training and every sampled draw.</param>
/// <param name="Force">Retrain even when a valid checkpoint exists.</param>
/// <param name="DataDirectory">Where datasets are read (default <c>data/</c>).</param>
/// <param name="CacheDirectory">Where trained models are kept (default <c>.cache/models</c>).</param>
/// <param name="Device">Where every model, SAE and tensor of the run lives (default CPU); part of every cache key.</param>
public sealed record SessionOptions(ulong Seed = 42, bool Force = false, string? DataDirectory = null, string? CacheDirectory = null, TorchSharp.torch.Device? Device = null)
{
    /// <summary>Users' datasets (<c>movielens:DIR</c>), loaded by their <see cref="UserDataset.Name"/> beside the catalogue's.</summary>
    public IReadOnlyList<UserDataset> UserDatasets { get; init; } = [];

    /// <summary>The λ_pred grid of every cell's ablation (default the paper's {0, 1, 2, 5, 10}; <see cref="PredictionWeightAblation.Problem"/> says what a grid needs).</summary>
    public IReadOnlyList<double> PredictionWeights { get; init; } = PredictionWeightAblation.PaperPredictionWeights;

    /// <summary>
    /// Exported models served instead of the cache or training (<c>repro reproduce --sae/--models</c>): a node whose
    /// identity an imported model has is that model, on the run's device.
    /// </summary>
    public ModelImports Imports { get; init; } = ModelImports.None;

    /// <summary>The user's dataset of a name, or null for a catalogue name.</summary>
    public UserDataset? UserDataset(DatasetName name) => UserDatasets.FirstOrDefault(u => u.Name == name);
}
