namespace Repro.Cli.Reproduce;

/// <summary>What `repro reproduce` was asked to do (parsed and validated).</summary>
/// <param name="Datasets">Datasets to run ("ml-1m", "lastfm"; "synthetic" under --quick).</param>
/// <param name="Models">Recommenders.</param>
/// <param name="Seed">The first (primary) seed: the full report is for it.</param>
/// <param name="Seeds">How many seeds: Seed, Seed + 1, …, Seed + Seeds − 1.</param>
/// <param name="Device">"auto", "cpu" or "cuda"; null keeps env REPRO_DEVICE (else auto).</param>
/// <param name="Threads">Torch CPU threads.</param>
/// <param name="Output">The report folder.</param>
/// <param name="Quick">The planted synthetic set only.</param>
/// <param name="Force">Retrain even when checkpoints exist.</param>
/// <param name="DataDirectory">Where datasets are read (null: <c>data/</c>).</param>
/// <param name="CacheDirectory">Where trained models are kept (null: <c>.cache/models</c>).</param>
/// <param name="CommandLine">The arguments as given, for the provenance section.</param>
/// <param name="Parallelism">Trainings and experiments run side by side (each on <paramref name="Threads"/> torch threads).</param>
internal sealed record ReproduceOptions(
    IReadOnlyList<Repro.Data.DatasetName> Datasets,
    IReadOnlyList<Repro.Recommenders.RecommenderKind> Models,
    ulong Seed,
    int Seeds,
    string? Device,
    int Threads,
    string Output,
    bool Quick,
    bool Force,
    string? DataDirectory,
    string? CacheDirectory,
    string CommandLine,
    int Parallelism = 1)
{
    /// <summary>Users' MovieLens-format folders (<c>--data movielens:DIR</c>); their names are also in <see cref="Datasets"/>.</summary>
    public IReadOnlyList<Repro.Data.UserDataset> UserDatasets { get; init; } = [];

    /// <summary>The λ_pred grid of every cell's ablation (<c>--prediction-weights</c>; default the paper's).</summary>
    public IReadOnlyList<double> PredictionWeights { get; init; } = Repro.Experiments.PredictionWeightAblation.PaperPredictionWeights;

    /// <summary>Exported SAE folders analysed instead of training those SAEs (<c>--sae</c>).</summary>
    public IReadOnlyList<string> SaeFolders { get; init; } = [];

    /// <summary>Folders of exported models used instead of training them (<c>--models</c>).</summary>
    public IReadOnlyList<string> ModelFolders { get; init; } = [];

    /// <summary>Lines the run prints before it starts: what it decided about the command line (a repeated --data folder read once).</summary>
    public IReadOnlyList<string> Notices { get; init; } = [];

    /// <summary>Whether this run analyses only users' datasets, on which the paper reports nothing.</summary>
    public bool OnlyUserDatasets => UserDatasets.Count > 0 && Datasets.All(d => UserDatasets.Any(u => u.Name == d));

    /// <summary>The seeds in run order; the first is the primary one.</summary>
    public IReadOnlyList<ulong> SeedList => [.. Enumerable.Range(0, Seeds).Select(i => Seed + (ulong)i)];
}
