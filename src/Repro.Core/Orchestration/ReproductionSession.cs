using System.Globalization;
using Repro.Data;
using Repro.Experiments;
using Repro.Recommenders;
using Repro.SparseAutoencoders;

namespace Repro.Orchestration;

/// <summary>
/// The artifact graph of one reproduction run: datasets, splits, recommenders and SAEs, each a typed node
/// (<see cref="RecommenderNode"/>, <see cref="SaeNode"/>) made once and shared by every experiment (test fixtures and
/// the CLI alike), safe to ask from several threads at once (independent trainings run side by side). Trained models
/// are kept on disk by the run's <see cref="ArtifactStore"/>, what each cost is in <see cref="Timings"/>, and a node
/// that cannot be made fails alone (<see cref="NodeFailedException"/>). Experiments never see the session: they are
/// functions of the artifacts it hands out.
/// </summary>
public sealed class ReproductionSession : IDisposable
{
    private readonly List<IDisposable> _owned = [];
    private readonly RunTimings _timings = new();
    private readonly NodeCache<DatasetName, RecDataset> _data;
    private readonly NodeCache<DatasetName, Split> _splits;
    private readonly NodeCache<RecommenderNode, TrainedRecommender> _recommenders;
    private readonly NodeCache<RecommenderNode, string> _fingerprints;
    private readonly NodeCache<SaeNode, TiedSparseAutoencoder> _saes;

    /// <summary>Creates a session.</summary>
    public ReproductionSession(SessionOptions options, IProgressSink progress)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        Progress = progress ?? throw new ArgumentNullException(nameof(progress));
        if (PredictionWeightAblation.Problem(options.PredictionWeights) is { } grid)
        {
            throw new ArgumentException("SessionOptions.PredictionWeights: " + grid, nameof(options));
        }
        Store = new ArtifactStore(options.CacheDirectory ?? RepoPaths.ModelCache, options.Force, options.Device ?? TorchSharp.torch.CPU, options.Imports);
        _data = new(LoadData, name => "dataset " + name);
        _splits = new(name => Repro.Data.Split.Create(Data(name), SplitSettings), name => "split of " + name);
        _recommenders = new(LoadOrTrain, node => node.Label);
        _fingerprints = new(node => Checkpoint.Fingerprint(ModelCache.AsModule(_recommenders[node].Model)), node => node.Label + " fingerprint");
        _saes = new(LoadOrTrain, node => node.Label);
    }

    /// <summary>The run's options.</summary>
    public SessionOptions Options { get; }

    /// <summary>Where progress goes.</summary>
    public IProgressSink Progress { get; }

    /// <summary>Where the run's models are kept.</summary>
    public ArtifactStore Store { get; }

    /// <summary>The model cache folder.</summary>
    public string CacheDirectory => Store.Directory;

    /// <summary>The device every model of this run lives on.</summary>
    public TorchSharp.torch.Device Device => Store.Device;

    /// <summary>Every model this session reused or trained so far, in the order they finished.</summary>
    public IReadOnlyList<ModelTiming> Timings => _timings.All;

    /// <summary>Split settings of this run (the paper's, with the run's seed).</summary>
    public SplitSettings SplitSettings => new(Seed: Options.Seed);

    /// <summary>A dataset by name (loaded once).</summary>
    public RecDataset Data(DatasetName dataset) => _data[dataset];

    /// <summary>The cell of a dataset and model: a user's dataset gets its presets' settings under its own name, a catalogue dataset <see cref="PaperSetting.For"/>.</summary>
    public PaperSetting Setting(DatasetName dataset, RecommenderKind model) =>
        Options.UserDataset(dataset) is { } user ? PaperSetting.ForPresets(user.Presets, model) with { Dataset = user.Name } : PaperSetting.For(dataset, model);

    /// <summary>The dataset's split (drawn once).</summary>
    public Split Split(DatasetName dataset) => _splits[dataset];

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
    public string SaeKey(PaperSetting setting, SaeSettings settings, ulong seed)
    {
        var node = new SaeNode(RecommenderOf(setting), settings, seed);
        return Store.SaeFile(node, _fingerprints[node.Recommender]).Key;
    }

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
        if (settings.Variant != SaeVariant.Matryoshka)
        {
            throw new ArgumentException($"SAE settings '{settings.Name}' are not Matryoshka settings.", nameof(settings));
        }
        return (MatryoshkaSparseAutoencoder)Sae(setting, settings, seed);
    }

    /// <summary>
    /// The SAEs of a sweep on a cell's recommender (settings that differ only in their loss weights), in the sweep's order:
    /// each one already made or valid on disk is reused, and the others are trained together as one SAE of several members
    /// (<see cref="SaeTrainer"/>: each member bit-identical to training it alone, so every SAE is stored and keyed exactly
    /// as <see cref="Sae"/> would). Each SAE is then the same node <see cref="Sae"/> returns.
    /// </summary>
    public IReadOnlyList<TiedSparseAutoencoder> SaeSweep(PaperSetting setting, IReadOnlyList<SaeSettings> sweep, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        SaeTrainer.RequireSweepable(sweep);
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
            var clock = ThreadClock.Start();
            if (Store.TryLoadSae(node, model, _fingerprints[recommender]) is { Sae: { } loaded, Read: var read })
            {
                // Recorded only when this copy becomes the node's: a request for the same node may have loaded it first.
                if (ReferenceEquals(Adopt(node, loaded), loaded))
                {
                    RecordReuse(node, read, clock);
                }
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
        Action<int, SaeProgress> report = (k, p) =>
        {
            if (k == 0)
            {
                Progress.Training(label, 1, 1, p.Step, p.Steps, p.Total);
            }
        };
        var trained = SaeTrainer.Train(model, Split(recommender.Dataset), sweep, seed, report);
        string fingerprint = _fingerprints[recommender];
        for (int j = 0; j < nodes.Count; j++)
        {
            Own(trained[j]);
            Store.SaveSae(nodes[j], fingerprint, trained[j]);
        }
        _timings.Record(label, cached: false, clock);
        Progress.Info(label + ": trained together (one SAE of " + sweep.Count.ToString(CultureInfo.InvariantCulture) + " members)");
        return trained;
    }

    /// <summary>An <see cref="SaeSource"/> over one paper cell, for the experiments that train several SAEs.</summary>
    public SaeSource SaeSourceFor(PaperSetting setting) => (settings, seed) => Sae(setting, settings, seed);

    /// <summary>The paper-setting SAE of a cell (its preset, the run's seed).</summary>
    public TiedSparseAutoencoder PaperSae(PaperSetting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return Sae(setting, setting.Sae, Options.Seed);
    }

    /// <summary>The same options with another seed: a session of its own, disposed with this one.</summary>
    public ReproductionSession ForSeed(ulong seed)
    {
        var session = new ReproductionSession(Options with { Seed = seed }, Progress);
        Own(session);
        return session;
    }

    private RecDataset LoadData(DatasetName dataset)
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
        var outcome = Store.Recommender(node, Data(node.Dataset), Split(node.Dataset),
            p => Progress.Training(label, p.Epoch + 1, settings.Epochs, p.Step + 1, p.StepsPerEpoch, p.Loss));
        Own(outcome.Trained.Model);
        string? imported = outcome.Read.ImportedFrom;
        _timings.Record(string.Create(CultureInfo.InvariantCulture, $"{label} (seed {settings.Seed})"), outcome.FromCache, clock, imported);
        Progress.Info(imported is not null ? $"{label}: imported from {imported}"
            : outcome.FromCache ? $"{label}: reused {Path.GetFileName(outcome.Path)}" : $"{label}: trained ({outcome.Read.WhyTrained})");
        return outcome.Trained;
    }

    /// <summary>
    /// Checks every imported model (<see cref="SessionOptions.Imports"/>) against the data it was exported for: loads each
    /// dataset they name and compares the fingerprint and counts, before anything is trained.
    /// </summary>
    /// <exception cref="Exchange.ExchangeFormatException">An imported model of other data or other recommender weights.</exception>
    public void CheckImports()
    {
        foreach (var dataset in Options.Imports.Models.Select(m => new DatasetName(m.Config.Dataset.Name)).Distinct())
        {
            Options.Imports.CheckData(Data(dataset));
        }
    }

    /// <summary>Every recommender this session has made (loaded, imported or trained), with its node.</summary>
    public IReadOnlyList<(RecommenderNode Node, TrainedRecommender Trained)> MadeRecommenders() =>
        [.. _recommenders.Made().Select(p => (p.Key, p.Value))];

    /// <summary>Every SAE this session has made (loaded, imported or trained), with its node.</summary>
    public IReadOnlyList<(SaeNode Node, TiedSparseAutoencoder Sae)> MadeSaes() =>
        [.. _saes.Made().Select(p => (p.Key, p.Value))];

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

    private TiedSparseAutoencoder LoadOrTrain(SaeNode node)
    {
        var clock = ThreadClock.Start();
        var (sae, read) = Reuse(node, clock);
        if (sae is null)
        {
            string label = node.Label;
            sae = SaeTrainer.Train(_recommenders[node.Recommender].Model, Split(node.Recommender.Dataset), node.Settings, node.Seed,
                p => Progress.Training(label, 1, 1, p.Step, p.Steps, p.Total));
            Store.SaveSae(node, _fingerprints[node.Recommender], sae);
            _timings.Record(label, cached: false, clock);
            Progress.Info(label + ": trained (" + read.WhyTrained + ")");
        }
        Own(sae);
        return sae;
    }

    /// <summary>A node's SAE from the store (imported, or a valid checkpoint), recorded as reused; otherwise null, with what the file lacked. The caller owns what it gets.</summary>
    private (TiedSparseAutoencoder? Sae, CheckpointRead Read) Reuse(SaeNode node, ThreadClock clock)
    {
        var (sae, read) = Store.TryLoadSae(node, _recommenders[node.Recommender].Model, _fingerprints[node.Recommender]);
        if (sae is not null)
        {
            RecordReuse(node, read, clock);
        }
        return (sae, read);
    }

    private void RecordReuse(SaeNode node, CheckpointRead read, ThreadClock clock)
    {
        _timings.Record(node.Label, cached: true, clock, read.ImportedFrom);
        Progress.Info(node.Label + (read.ImportedFrom is { } folder ? ": imported from " + folder : ": reused"));
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
