using System.Globalization;
using Repro.Data;
using Repro.Experiments;
using Repro.Recommenders;
using Repro.SparseAutoencoders;
using TorchSharp;
using TorchSharp.Modules;
using static Repro.Scalars;
using static TorchSharp.torch;

namespace Repro.Benchmarks;

/// <summary>A seeded random stand-in of an ML-1M-sized recommender: MF (dot + biases) or the SPEC's NCF MLP.</summary>
internal sealed class RandomTwoTower : ITwoTower
{
    private static readonly Scalar VectorScale = 0.3, BiasScale = 0.1;
    private readonly Tensor _users, _items, _userBias, _itemBias;
    private readonly Sequential? _mlp;

    public RandomTwoTower(RecommenderKind kind, int users, int items, int dim, ulong seed)
    {
        Kind = kind;
        using var g = new Generator(seed);
        _users = randn([users, dim], generator: g).mul(VectorScale);
        _items = randn([items, dim], generator: g).mul(VectorScale);
        _userBias = randn([users], generator: g).mul(BiasScale);
        _itemBias = randn([items], generator: g).mul(BiasScale);
        if (kind == RecommenderKind.NCF)
        {
            torch.manual_seed((long)seed);
            _mlp = nn.Sequential(nn.Linear(2 * dim, 64), nn.ReLU(), nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 16), nn.ReLU(), nn.Linear(16, 1));
            foreach (var p in _mlp.parameters())
            {
                p.requires_grad = false;
            }
        }
    }

    public RecommenderKind Kind { get; }
    public int Dim => (int)_users.shape[1];
    public int UserCount => (int)_users.shape[0];
    public int ItemCount => (int)_items.shape[0];
    public Tensor UserVectors => _users;
    public Tensor ItemVectors => _items;

    public Tensor PairLogits(Tensor userIndex, Tensor userVectors, Tensor itemIndex, Tensor itemVectors) => _mlp is null
        ? (userVectors * itemVectors).sum(1).add(_userBias.index_select(0, userIndex), One).add(_itemBias.index_select(0, itemIndex), One)
        : _mlp.forward(cat([userVectors, itemVectors], 1)).squeeze(1);

    public Tensor BlockLogits(Tensor userIndex, Tensor userVectors, Tensor itemIndex, Tensor itemVectors)
    {
        if (_mlp is null)
        {
            return userVectors.matmul(itemVectors.t()).add(_userBias.index_select(0, userIndex).unsqueeze(1), One).add(_itemBias.index_select(0, itemIndex).unsqueeze(0), One);
        }
        long b = userVectors.shape[0], c = itemVectors.shape[0];
        var pairs = cat([userVectors.unsqueeze(1).expand(b, c, -1), itemVectors.unsqueeze(0).expand(b, c, -1)], 2);
        return _mlp.forward(pairs.reshape(b * c, -1)).reshape(b, c);
    }

    public void Dispose()
    {
        _users.Dispose();
        _items.Dispose();
        _userBias.Dispose();
        _itemBias.Dispose();
        _mlp?.Dispose();
    }

    /// <summary>An ML-1M-shaped interaction set (6,039 × 3,706, 20–300 items per user, mean ≈ 160) and its split.</summary>
    public static Split Ml1mShapedSplit()
    {
        var rng = SeededRandom.For(1, "bench-data");
        const int Users = 6039, Items = 3706;
        var userItems = new int[Users][];
        for (int u = 0; u < Users; u++)
        {
            int n = 20 + rng.NextInt(281);
            var set = new SortedSet<int>();
            while (set.Count < n)
            {
                set.Add(rng.NextInt(Items));
            }
            userItems[u] = set.ToArray();
        }
        var labels = Enumerable.Range(0, Items).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        var data = new RecDataset(new DatasetName("bench-ml1m-shaped"), Items, userItems, labels, [], []);
        return Split.Create(data, new SplitSettings());
    }
}

/// <summary>Shared setup of the SAE benchmarks.</summary>
internal abstract class SaeBenchmarkBase : IBenchmark
{
    private RandomTwoTower? _model;
    private Split? _split;

    public abstract string Name { get; }
    protected abstract RecommenderKind Kind { get; }
    protected abstract SaeSettings Settings { get; }
    public virtual int Iterations => 3;

    protected RandomTwoTower Model => _model!;
    protected Split Split => _split!;

    public void Setup()
    {
        _split ??= RandomTwoTower.Ml1mShapedSplit();
        _model ??= new RandomTwoTower(Kind, 6039, 3706, 20, 3);
    }

    public virtual string? Run()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var sae = SaeTrainer.Train(Model, Split, Settings, 1);
        double msPerStep = clock.Elapsed.TotalMilliseconds / Math.Max(1, Settings.Steps);
        var h = SaeHealth.Measure(sae, Model.UserVectors, Model.ItemVectors);
        return string.Create(CultureInfo.InvariantCulture, $"{Settings.Steps} steps, {msPerStep:F2} ms/step, L0 u/i {h.L0Users:F2}/{h.L0Items:F2}, dead {h.DeadLatents}, FVU {h.Fvu:F3}");
    }
}

/// <summary>One ML-1M MF SAE training (324 steps: the notebooks' 18 epochs, paper weights) on 6,039 × 20 and 3,706 × 20 embeddings.</summary>
internal sealed class SaeTrainMl1mMf : SaeBenchmarkBase
{
    public override string Name => "sae-train-ml1m-mf";
    protected override RecommenderKind Kind => RecommenderKind.MF;
    protected override SaeSettings Settings => SaeSettings.Ml1mMf;
}

/// <summary>One ML-1M NCF SAE training (the preset's one aligned-pair epoch, ≈ 5,950 steps of 256 pairs through the SPEC's MLP).</summary>
internal sealed class SaeTrainMl1mNcf : SaeBenchmarkBase
{
    public override string Name => "sae-train-ml1m-ncf";
    protected override RecommenderKind Kind => RecommenderKind.NCF;
    protected override SaeSettings Settings => SaeSettings.Ml1mNcf;
}

/// <summary>Fidelity of one trained NCF SAE on the 1,208 SAE-test users (users × 3,706 items through the MLP, twice).</summary>
internal sealed class SaeFidelityMl1mNcf : SaeBenchmarkBase
{
    private TiedSparseAutoencoder? _sae;
    public override string Name => "sae-fidelity-ml1m-ncf";
    protected override RecommenderKind Kind => RecommenderKind.NCF;
    protected override SaeSettings Settings => SaeSettings.Ml1mNcf with { Steps = 200 };

    public override string? Run()
    {
        _sae ??= SaeTrainer.Train(Model, Split, Settings, 1);
        var f = Repro.Analysis.Fidelity.Measure(Model, _sae, Split);
        return string.Create(CultureInfo.InvariantCulture, $"RBO {f.Rbo:F3} over {f.Users} users");
    }
}

/// <summary>The ML-1M MF λ_pred ablation (5 trainings + fidelity + health); the full suite runs 4 such ablations.</summary>
internal sealed class SaeBetaAblationMl1mMf : SaeBenchmarkBase
{
    public override string Name => "sae-prediction-weight-ablation-ml1m-mf";
    public override int Iterations => 1;
    protected override RecommenderKind Kind => RecommenderKind.MF;
    protected override SaeSettings Settings => SaeSettings.Ml1mMf;

    public override string? Run()
    {
        var r = PredictionWeightAblation.Run(Model, Split, Settings, PredictionWeightAblation.PaperPredictionWeights, 1, SaeTrainer.UncachedSweep(Model, Split));
        return string.Join("; ", r.Rows.Select(x => string.Create(CultureInfo.InvariantCulture, $"λ_pred={x.PredictionWeight}: RBO {x.Fidelity.Rbo:F3}")));
    }
}
