using System.Collections.Concurrent;
using System.Globalization;
using Repro.Data;
using Repro.Recommenders;
using Repro.SparseAutoencoders;

namespace Repro.Experiments;

/// <summary>What a long step reports: a line of text, or progress of a training.</summary>
public interface IProgressSink
{
    /// <summary>A finished step or a notice.</summary>
    void Info(string line);

    /// <summary>A training step: what is trained, epoch (1-based) of epochs, step of steps, current loss.</summary>
    void Training(string what, int epoch, int epochs, int step, int steps, double loss);
}

/// <summary>A sink that drops everything (tests).</summary>
public sealed class SilentProgress : IProgressSink
{
    /// <summary>The shared instance.</summary>
    public static SilentProgress Instance { get; } = new();

    /// <inheritdoc />
    public void Info(string line)
    {
    }

    /// <inheritdoc />
    public void Training(string what, int epoch, int epochs, int step, int steps, double loss)
    {
    }
}

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

    /// <summary>The user's dataset of a name, or null for a catalogue name.</summary>
    public UserDataset? UserDataset(string name) => UserDatasets.FirstOrDefault(u => u.Name == name);
}

/// <summary>How one model of a session was obtained: reused from the cache or trained, and what it cost.</summary>
/// <param name="Label">What the model is ("ml-1m NCF recommender", an SAE's label).</param>
/// <param name="Cached">True when a checkpoint was reused.</param>
/// <param name="WallSeconds">Wall-clock seconds to load or train it.</param>
/// <param name="CpuSeconds">CPU seconds of the thread that did it (torch runs one thread per training).</param>
public sealed record ModelTiming(string Label, bool Cached, double WallSeconds, double CpuSeconds);

/// <summary>
/// The artifact graph of one reproduction run: datasets, splits, recommenders and SAEs, each a typed node
/// (<see cref="RecommenderNode"/>, <see cref="SaeNode"/>) made once and shared by every experiment (test fixtures
/// and the CLI alike), safe to ask from several threads at once (independent trainings run side by side). Trained
/// models are also kept on disk (<see cref="ModelCache"/>, <see cref="SaeCache"/>), keyed by what determines them:
/// code version, settings, data fingerprint, split, seed and device, and for an SAE the fingerprint of its
/// recommender's weights; so a later run reuses exactly what is still valid. Experiments never see the session:
/// they are functions of the artifacts it hands out.
/// </summary>
public sealed class ReproductionSession : IDisposable
{
    private static readonly Lazy<ReproductionSession> LazyShared = new(() => new ReproductionSession(new SessionOptions(Device: Repro.Device.Resolve()), SilentProgress.Instance));
    private readonly List<IDisposable> _owned = [];
    private readonly ConcurrentQueue<ModelTiming> _timings = new();
    private readonly NodeCache<string, RecDataset> _data;
    private readonly NodeCache<string, Split> _splits;
    private readonly NodeCache<RecommenderNode, TrainedRecommender> _recommenders;
    private readonly NodeCache<RecommenderNode, string> _fingerprints;
    private readonly NodeCache<SaeNode, TiedSparseAutoencoder> _saes;

    /// <summary>Creates a session.</summary>
    public ReproductionSession(SessionOptions options, IProgressSink progress)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        Progress = progress ?? throw new ArgumentNullException(nameof(progress));
        _data = new(LoadData);
        _splits = new(name => Repro.Data.Split.Create(Data(name), SplitSettings));
        _recommenders = new(LoadOrTrain);
        _fingerprints = new(node => Checkpoint.Fingerprint(ModelCache.AsModule(_recommenders[node].Model)));
        _saes = new(LoadOrTrain);
    }

    /// <summary>The session every test fixture shares, so one test run trains each model once; on the device of <see cref="Repro.Device.Resolve"/> (env REPRO_DEVICE).</summary>
    public static ReproductionSession Shared => LazyShared.Value;

    /// <summary>The run's options.</summary>
    public SessionOptions Options { get; }

    /// <summary>Where progress goes.</summary>
    public IProgressSink Progress { get; }

    /// <summary>The model cache folder.</summary>
    public string CacheDirectory => Options.CacheDirectory ?? RepoPaths.ModelCache;

    /// <summary>The device every model of this run lives on.</summary>
    public TorchSharp.torch.Device Device => Options.Device ?? TorchSharp.torch.CPU;

    /// <summary>Every model this session reused or trained so far, in the order they finished.</summary>
    public IReadOnlyList<ModelTiming> Timings => [.. _timings];

    /// <summary>Split settings of this run (the paper's, with the run's seed).</summary>
    public SplitSettings SplitSettings => new(Seed: Options.Seed);

    /// <summary>A dataset by name (loaded once).</summary>
    public RecDataset Data(string dataset) => _data[dataset];

    /// <summary>The cell of a dataset and model: a user's dataset gets its presets' settings under its own name, a catalogue dataset <see cref="PaperSetting.For"/>.</summary>
    public PaperSetting Setting(string dataset, RecommenderKind model) =>
        Options.UserDataset(dataset) is { } user ? PaperSetting.For(user.Presets, model) with { Dataset = user.Name } : PaperSetting.For(dataset, model);

    /// <summary>The dataset's split (drawn once).</summary>
    public Split Split(string dataset) => _splits[dataset];

    /// <summary>The recommender node of a cell: its dataset and settings with the run's seed.</summary>
    public RecommenderNode RecommenderOf(PaperSetting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return new RecommenderNode(setting.Dataset, setting.Recommender with { Seed = Options.Seed });
    }

    /// <summary>The frozen recommender of a paper cell: from the cache, or trained and stored.</summary>
    public TrainedRecommender Recommender(PaperSetting setting) => _recommenders[RecommenderOf(setting)];

    /// <summary>The frozen recommender's two towers.</summary>
    public ITwoTower Model(PaperSetting setting) => Recommender(setting).Model;

    /// <summary>SHA-256 of a cell's recommender weights: what an SAE trained on it is keyed by.</summary>
    public string RecommenderFingerprint(PaperSetting setting) => _fingerprints[RecommenderOf(setting)];

    /// <summary>The on-disk key of an SAE on a cell's recommender (<see cref="SaeCache.Key"/>).</summary>
    public string SaeKey(PaperSetting setting, SaeSettings settings, ulong seed) =>
        SaeFile(new SaeNode(RecommenderOf(setting), settings, seed)).Key;

    /// <summary>An SAE on a paper cell's recommender with the given settings and seed: cached, or trained and stored.</summary>
    public TiedSparseAutoencoder Sae(PaperSetting setting, SaeSettings settings, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return _saes[new SaeNode(RecommenderOf(setting), settings, seed)];
    }

    /// <summary>A Matryoshka SAE (settings whose <see cref="SaeSettings.Variant"/> is Matryoshka), typed as such for its prefix bands.</summary>
    public MatryoshkaSparseAutoencoder MatryoshkaSae(PaperSetting setting, SaeSettings settings, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Variant() != SaeVariant.Matryoshka)
        {
            throw new ArgumentException($"SAE settings '{settings.Name}' are not Matryoshka settings.", nameof(settings));
        }
        return (MatryoshkaSparseAutoencoder)Sae(setting, settings, seed);
    }

    /// <summary>
    /// The SAEs of a sweep on a cell's recommender (settings that differ only in their loss weights), in the sweep's order:
    /// each one already made or valid on disk is reused, and the others are trained together, one batch stream for all
    /// (<see cref="SaeSweepTrainer"/>: on the CPU bit-identical to training each alone, so every SAE is stored and keyed
    /// exactly as <see cref="Sae"/> would; on another device the plain variants share stacked weights,
    /// <see cref="SaeStackedSweepTrainer"/>). Each SAE is then the same node <see cref="Sae"/> returns.
    /// </summary>
    public IReadOnlyList<TiedSparseAutoencoder> SaeSweep(PaperSetting setting, IReadOnlyList<SaeSettings> sweep, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        SaeSweepTrainer.RequireSweepable(sweep);
        var recommender = RecommenderOf(setting);
        var model = _recommenders[recommender].Model;
        var nodes = sweep.Select(s => new SaeNode(recommender, s, seed)).ToArray();
        // Members neither made nor on disk are claimed (a concurrent request for one waits for the sweep), then trained together.
        var claimed = new List<SaeNode>();
        var together = new TaskCompletionSource<IReadOnlyList<TiedSparseAutoencoder>>(TaskCreationOptions.RunContinuationsAsynchronously);
        foreach (var node in nodes)
        {
            if (_saes.TryGetMade(node, out _))
            {
                continue;
            }
            var (key, path) = SaeFile(node);
            if (Reuse(node, key, path, ThreadClock.Start()).Sae is { } loaded)
            {
                Adopt(node, loaded);
                continue;
            }
            int index = claimed.Count;
            if (_saes.TryClaim(node, () => together.Task.GetAwaiter().GetResult()[index]))
            {
                claimed.Add(node);
            }
        }
        if (claimed.Count > 0)
        {
            try
            {
                together.SetResult(TrainTogether(recommender, model, claimed, seed));
            }
            catch (Exception e)
            {
                together.SetException(e);
                throw;
            }
        }
        return [.. nodes.Select(n => _saes[n])];
    }

    private IReadOnlyList<TiedSparseAutoencoder> TrainTogether(RecommenderNode recommender, ITwoTower model, List<SaeNode> nodes, ulong seed)
    {
        var clock = ThreadClock.Start();
        IReadOnlyList<SaeSettings> sweep = [.. nodes.Select(n => n.Settings)];
        string label = string.Create(CultureInfo.InvariantCulture,
            $"{recommender.Dataset} {recommender.Settings.Kind} SAE sweep ({sweep[0].Name}, λ_pred ∈ {{{string.Join(", ", sweep.Select(s => s.PredictionWeight))}}}, seed {seed})");
        bool stacked = Device.type != TorchSharp.DeviceType.CPU && sweep[0].Variant() == SaeVariant.Plain;
        Action<int, SaeProgress> report = (k, p) =>
        {
            if (k == 0)
            {
                Progress.Training(label, 1, 1, p.Step, p.Steps, p.Total);
            }
        };
        var trained = stacked
            ? SaeStackedSweepTrainer.Train(model, Split(recommender.Dataset), sweep, seed, report)
            : SaeSweepTrainer.Train(model, Split(recommender.Dataset), sweep, seed, report);
        for (int j = 0; j < nodes.Count; j++)
        {
            Own(trained[j]);
            var (key, path) = SaeFile(nodes[j]);
            SaeCache.Save(path, key, trained[j]);
        }
        Record(label, cached: false, clock);
        Progress.Info(label + ": trained together (" + (stacked ? "stacked weights" : "lockstep") + ")");
        return trained;
    }

    /// <summary>An <see cref="SaeSweepSource"/> over one paper cell (<see cref="SaeSweep"/>).</summary>
    public SaeSweepSource SaeSweepSourceFor(PaperSetting setting) => (sweep, seed) => SaeSweep(setting, sweep, seed);

    /// <summary>An <see cref="SaeSource"/> over one paper cell, for the experiments that train several SAEs.</summary>
    public SaeSource SaeSourceFor(PaperSetting setting) => (settings, seed) => Sae(setting, settings, seed);

    /// <summary>The paper-setting SAE of a cell (its preset, the run's seed).</summary>
    public TiedSparseAutoencoder PaperSae(PaperSetting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return Sae(setting, setting.Sae, Options.Seed);
    }

    private RecDataset LoadData(string dataset)
    {
        var d = Options.UserDataset(dataset) is { } user ? user.Load(Progress.Info) : Datasets.Load(dataset, Options.DataDirectory);
        Progress.Info(string.Create(CultureInfo.InvariantCulture, $"loaded {dataset}: {d.UserCount} users × {d.ItemCount} items, {d.InteractionCount} interactions"));
        return d;
    }

    private TrainedRecommender LoadOrTrain(RecommenderNode node)
    {
        var settings = node.Settings;
        string label = node.Label;
        var clock = ThreadClock.Start();
        var outcome = ModelCache.GetOrTrain(Data(node.Dataset), Split(node.Dataset), settings, Device,
            p => Progress.Training(label, p.Epoch + 1, settings.Epochs, p.Step + 1, p.StepsPerEpoch, p.Loss), CacheDirectory, Options.Force);
        Own(outcome.Trained.Model);
        Record(string.Create(CultureInfo.InvariantCulture, $"{label} (seed {settings.Seed})"), outcome.FromCache, clock);
        Progress.Info(outcome.FromCache ? $"{label}: reused {Path.GetFileName(outcome.Path)}" : $"{label}: trained ({outcome.Read.WhyTrained})");
        return outcome.Trained;
    }

    /// <summary>Records an SAE made outside its node (by a sweep) as the node's, unless the node was made first; owns the survivor.</summary>
    private TiedSparseAutoencoder Adopt(SaeNode node, TiedSparseAutoencoder sae)
    {
        var kept = _saes.GetOrAdd(node, sae);
        if (!ReferenceEquals(kept, sae))
        {
            sae.Dispose();
            return kept;
        }
        Own(sae);
        return sae;
    }

    /// <summary>An SAE node's cache key (<see cref="SaeCache.Key"/>: its settings, seed, recommender weights, device) and checkpoint file.</summary>
    private (string Key, string Path) SaeFile(SaeNode node)
    {
        string key = SaeCache.Key(node.Settings, node.Seed, _fingerprints[node.Recommender], Device);
        return (key, SaeCache.PathFor(node.Recommender.Dataset, node.Recommender.Settings.Kind, key, CacheDirectory));
    }

    private static string SaeLabel(SaeNode node) => string.Create(CultureInfo.InvariantCulture,
        $"{node.Recommender.Dataset} {node.Recommender.Settings.Kind} SAE ({node.Settings.Name}{(node.Settings.TopK is int topK ? $", top-{topK}" : "")}, λ_pred={node.Settings.PredictionWeight}, seed {node.Seed})");

    private TiedSparseAutoencoder LoadOrTrain(SaeNode node)
    {
        var clock = ThreadClock.Start();
        var (key, path) = SaeFile(node);
        var (sae, read) = Reuse(node, key, path, clock);
        if (sae is null)
        {
            string label = SaeLabel(node);
            sae = SaeTrainer.Train(_recommenders[node.Recommender].Model, Split(node.Recommender.Dataset), node.Settings, node.Seed,
                p => Progress.Training(label, 1, 1, p.Step, p.Steps, p.Total));
            SaeCache.Save(path, key, sae);
            Record(label, cached: false, clock);
            Progress.Info(label + ": trained (" + read.WhyTrained + ")");
        }
        Own(sae);
        return sae;
    }

    /// <summary>
    /// A node's SAE from its checkpoint when that is valid (never under <see cref="SessionOptions.Force"/>), recorded as
    /// reused; otherwise null, with what the file lacked. The caller owns what it gets.
    /// </summary>
    private (TiedSparseAutoencoder? Sae, CheckpointRead Read) Reuse(SaeNode node, string key, string path, ThreadClock clock)
    {
        if (Options.Force)
        {
            return (null, CheckpointRead.Missing);
        }
        var (sae, read) = SaeCache.TryLoad(path, _recommenders[node.Recommender].Model, node.Settings, node.Seed, key);
        if (sae is not null)
        {
            Record(SaeLabel(node), cached: true, clock);
            Progress.Info(SaeLabel(node) + ": reused");
        }
        return (sae, read);
    }

    private void Record(string label, bool cached, ThreadClock clock)
    {
        var (wall, cpu) = clock.Elapsed();
        _timings.Enqueue(new ModelTiming(label, cached, wall, cpu));
    }

    /// <summary>Disposes <paramref name="d"/> with this session.</summary>
    internal void Own(IDisposable d)
    {
        lock (_owned)
        {
            _owned.Add(d);
        }
    }

    /// <summary>Disposes every model the session made.</summary>
    public void Dispose()
    {
        lock (_owned)
        {
            foreach (var d in _owned)
            {
                d.Dispose();
            }
            _owned.Clear();
        }
    }
}
