using System.Diagnostics;
using System.Globalization;
using Repro.Data;
using Repro.Recommenders;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Benchmarks;

/// <summary>The real datasets through the suite's loaders: <c>data/</c>, else the machine's shared offline mirror.</summary>
internal static class BenchmarkData
{
    private static readonly Lazy<RecDataset> LazyMl1m = new(() => Load(DatasetName.Ml1m));
    private static readonly Lazy<RecDataset> LazyLastFm = new(() => Load(DatasetName.LastFm));

    public static RecDataset Ml1m => LazyMl1m.Value;

    public static RecDataset LastFm => LazyLastFm.Value;

    private static RecDataset Load(DatasetName name)
    {
        if (Datasets.IsAvailable(name))
        {
            return Datasets.Load(name);
        }
        string mirror = Environment.GetEnvironmentVariable("REPRO_DATASET_MIRROR") is { Length: > 0 } m
            ? m
            : Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "datasets"));
        return Datasets.Load(name, mirror);
    }
}

/// <summary>Shared plumbing: one recommender epoch on a dataset, reporting the epoch loss and sizes.</summary>
internal abstract class RecommenderEpochBenchmark : IBenchmark
{
    private RecDataset? _data;
    private Split? _split;

    public abstract string Name { get; }

    public virtual int Iterations => 3;

    protected abstract RecommenderSettings Settings { get; }

    protected abstract RecDataset Load();

    public void Setup()
    {
        _data = Load();
        _split = Split.Create(_data, new SplitSettings());
    }

    public string? Run()
    {
        var trained = RecommenderTrainer.Train(_data!, _split!, Settings with { Epochs = 1 }, torch.CPU);
        trained.Model.Dispose();
        return string.Create(CultureInfo.InvariantCulture,
            $"{_data!.UserCount}×{_data.ItemCount}, {2 * _split!.TrainPositiveCount} samples, batch {Settings.BatchSize}, loss {trained.EpochLosses[0]:F4}");
    }
}

/// <summary>MF, one epoch on ML-1M, batch 256 (goal: under 2 s on one core).</summary>
internal sealed class RecMfEpochMl1m : RecommenderEpochBenchmark
{
    public override string Name => "rec-mf-epoch-ml1m";

    public override int Iterations => 5;

    protected override RecommenderSettings Settings => RecommenderSettings.Ml1mMf;

    protected override RecDataset Load() => BenchmarkData.Ml1m;
}

/// <summary>MF, one epoch on Last.FM, K = 100, batch 8.</summary>
internal sealed class RecMfEpochLastFm : RecommenderEpochBenchmark
{
    public override string Name => "rec-mf-epoch-lastfm";

    public override int Iterations => 5;

    protected override RecommenderSettings Settings => RecommenderSettings.LastFmMf;

    protected override RecDataset Load() => BenchmarkData.LastFm;
}

/// <summary>NCF, one epoch on ML-1M with the default preset.</summary>
internal sealed class RecNcfEpochMl1m : RecommenderEpochBenchmark
{
    public override string Name => "rec-ncf-epoch-ml1m";

    public override int Iterations => 1;

    protected override RecommenderSettings Settings => RecommenderSettings.Ml1mNcf;

    protected override RecDataset Load() => BenchmarkData.Ml1m;
}

/// <summary>NCF, one epoch on Last.FM with the default preset.</summary>
internal sealed class RecNcfEpochLastFm : RecommenderEpochBenchmark
{
    public override string Name => "rec-ncf-epoch-lastfm";

    public override int Iterations => 3;

    protected override RecommenderSettings Settings => RecommenderSettings.LastFmNcf;

    protected override RecDataset Load() => BenchmarkData.LastFm;
}

/// <summary>Where an NCF step's time goes on ML-1M: forward + loss, backward, Adam, per batch size.</summary>
internal sealed class RecNcfStepBreakdown : IBenchmark
{
    private RecDataset? _data;
    private TrainingSamples? _samples;

    public string Name => "rec-ncf-steps";

    public int Iterations => 1;

    public void Setup()
    {
        _data = BenchmarkData.Ml1m;
        _samples = Split.Create(_data, new SplitSettings()).SampleEpoch(SeededRandom.For(1, "bench"));
    }

    public string? Run()
    {
        var notes = new List<string>();
        foreach (int batch in new[] { 256, 1024, 2048 })
        {
            using var model = new NeuralCollaborativeFiltering(_data!.UserCount, _data.ItemCount, 20, 42);
            using var adam = new LeanAdam(model.parameters(), 1e-3);
            using var users = tensor(_samples!.Users, dtype: ScalarType.Int64);
            using var items = tensor(_samples.Items, dtype: ScalarType.Int64);
            using var labels = tensor(_samples.Labels);
            var fwd = new Stopwatch();
            var bwd = new Stopwatch();
            var opt = new Stopwatch();
            int steps = Math.Min(600, _samples.Count / batch);
            for (int s = 0; s < steps; s++)
            {
                using var scope = NewDisposeScope();
                fwd.Start();
                adam.ZeroGrad();
                var loss = nn.functional.binary_cross_entropy_with_logits(
                    model.forward(users.narrow(0, s * batch, batch), items.narrow(0, s * batch, batch)), labels.narrow(0, s * batch, batch));
                fwd.Stop();
                bwd.Start();
                loss.backward();
                bwd.Stop();
                opt.Start();
                adam.Step();
                _ = loss.item<float>();
                opt.Stop();
            }
            double per = 1000.0 / steps;
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"batch {batch}: fwd {fwd.Elapsed.TotalMilliseconds * per:F0} µs, bwd {bwd.Elapsed.TotalMilliseconds * per:F0} µs, adam {opt.Elapsed.TotalMilliseconds * per:F0} µs per step; epoch ≈ {(fwd.Elapsed + bwd.Elapsed + opt.Elapsed).TotalSeconds / steps * _samples.Count / batch:F1} s"));
        }
        return string.Join("; ", notes);
    }
}

/// <summary>Full-catalogue NCF scoring of 1,208 users (the SAE test users' count on ML-1M) × 3,706 items, plus top 30.</summary>
internal sealed class RecNcfScoreCatalogue : IBenchmark, IDisposable
{
    private NeuralCollaborativeFiltering? _model;
    private int[] _users = [];

    public string Name => "rec-ncf-score-catalogue";

    public void Setup()
    {
        _model = new NeuralCollaborativeFiltering(6039, 3706, 20, 42);
        _model.Freeze();
        _users = Enumerable.Range(0, 1208).Select(u => u * 5).ToArray();
    }

    public string? Run()
    {
        var top = Ranking.TopKForUsers(_model!, _users, 30);
        return $"{top.Length} users, top 30";
    }

    public void Dispose() => _model?.Dispose();
}

/// <summary>
/// Both accuracy protocols of an (untrained, seeded) NCF on ML-1M: the scoring and top-K of every evaluated user,
/// without the training around it.
/// </summary>
internal sealed class RecEvaluateMl1mNcf : IBenchmark, IDisposable
{
    private RecDataset? _data;
    private Split? _split;
    private NeuralCollaborativeFiltering? _model;

    public string Name => "rec-evaluate-ml1m-ncf";

    public void Setup()
    {
        _data = BenchmarkData.Ml1m;
        _split = Split.Create(_data, new SplitSettings());
        _model = new NeuralCollaborativeFiltering(_data.UserCount, _data.ItemCount, 20, 42);
        _model.Freeze();
    }

    public string? Run()
    {
        var acc = RecommenderEvaluation.Evaluate(_model!, _data!, _split!);
        return string.Create(CultureInfo.InvariantCulture, $"HR@10 {acc.HitRate:F4}, LOO HR@10 {acc.LeaveOneOutHitRate:F4} over {acc.Users} users");
    }

    public void Dispose() => _model?.Dispose();
}

/// <summary>Memory over many MF epochs on ML-1M: RSS must stay flat (no leaked tensors or arrays).</summary>
internal sealed class RecMfManyEpochsRss : IBenchmark
{
    private RecDataset? _data;
    private Split? _split;

    public string Name => "rec-mf-rss";

    public int Iterations => 1;

    public void Setup()
    {
        _data = BenchmarkData.Ml1m;
        _split = Split.Create(_data, new SplitSettings());
    }

    public string? Run()
    {
        var readings = new List<double>();
        var s = RecommenderSettings.Ml1mNcf with { Epochs = 1 };
        for (int round = 0; round < 4; round++)
        {
            var mf = RecommenderTrainer.Train(_data!, _split!, RecommenderSettings.Ml1mMf with { Epochs = 3 }, torch.CPU);
            mf.Model.Dispose();
            var ncf = RecommenderTrainer.Train(_data!, _split!, s, torch.CPU);
            ncf.Model.Dispose();
            GC.Collect();
            readings.Add(Program.Rss());
        }
        return "RSS after each round (3 MF + 1 NCF epochs): " + string.Join(", ", readings.Select(r => r.ToString("F0", CultureInfo.InvariantCulture))) + " MB";
    }
}

/// <summary>
/// Full NCF training on ML-1M at the given batch and learning rates, evaluated on both protocols: checks that
/// a faster preset keeps the accuracy of the paper's batch 256 / lr 1e-3 (HR@10 ≈ 0.56 paper protocol, SPEC §3).
/// Choose the variants with env REPRO_NCF_VARIANTS="batch:lr,batch:lr".
/// </summary>
internal sealed class RecNcfAccuracyMl1m : IBenchmark
{
    private RecDataset? _data;
    private Split? _split;

    private string? _note;

    public string Name => "rec-ncf-accuracy-ml1m";

    // One full training is the measurement; the timed run after the warm-up returns the same note.
    public int Iterations => 1;

    public void Setup()
    {
        _data = BenchmarkData.Ml1m;
        _split = Split.Create(_data, new SplitSettings());
    }

    public string? Run() => _note ??= Measure();

    private string Measure()
    {
        string spec = Environment.GetEnvironmentVariable("REPRO_NCF_VARIANTS") ?? "2048:0.003";
        var pop = RecommenderEvaluation.Evaluate(PopularityRanker.Scorer(_split!, _data!.ItemCount), _data, _split!);
        var notes = new List<string> { Format("popularity", pop, 0) };
        foreach (string variant in spec.Split(','))
        {
            var parts = variant.Split(':');
            var settings = RecommenderSettings.Ml1mNcf with { BatchSize = int.Parse(parts[0], CultureInfo.InvariantCulture), LearningRate = double.Parse(parts[1], CultureInfo.InvariantCulture) };
            var sw = Stopwatch.StartNew();
            var trained = RecommenderTrainer.Train(_data, _split!, settings, torch.CPU);
            double seconds = sw.Elapsed.TotalSeconds;
            var acc = RecommenderEvaluation.Evaluate(trained.Model, _data, _split!);
            trained.Model.Dispose();
            notes.Add(Format($"batch {settings.BatchSize} lr {settings.LearningRate} last loss {trained.EpochLosses[^1]:F4}", acc, seconds));
            Console.WriteLine(notes[^1]);
        }
        return string.Join("; ", notes);
    }

    private static string Format(string what, AccuracyResult a, double seconds) => string.Create(CultureInfo.InvariantCulture,
        $"{what}: HR {a.HitRate:F4} NDCG {a.Ndcg:F4} LOO-HR {a.LeaveOneOutHitRate:F4} LOO-NDCG {a.LeaveOneOutNdcg:F4} ({seconds:F0} s)");
}
