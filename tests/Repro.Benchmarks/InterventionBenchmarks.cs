using System.Globalization;
using Repro.Data;
using Repro.Interventions;
using Repro.Recommenders;
using Repro.SparseAutoencoders;
using TorchSharp;
using static Repro.Scalars;
using static TorchSharp.torch;

namespace Repro.Benchmarks;

/// <summary>
/// Every intervention grid (suppression 6 v, nudging 7 v, promotion 6 v for the rule's item and one given item,
/// with the 200-user RBO_ext side effect) for one model at ML-1M size: 6,039 users × 3,706 items, n = 20, m = 22.
/// Random data, a random MF-like dot-product model and a random MF-style SAE: the cost does not depend on the values.
/// Target: under 5 s on one core.
/// </summary>
internal sealed class InterventionBenchmarks : IBenchmark
{
    private const int Users = 6039, Items = 3706, Dim = 20, Latents = 22, Genres = 18;
    private RecDataset? _data;
    private Split? _split;
    private LatentIntervention? _intervention;

    public string Name => "interventions-ml1m-mf";

    public void Setup()
    {
        var rng = SeededRandom.For(1, "intervention-benchmark");
        var itemGenres = new IReadOnlyList<int>[Items];
        for (int i = 0; i < Items; i++)
        {
            itemGenres[i] = Enumerable.Range(0, 1 + rng.NextInt(3)).Select(_ => rng.NextInt(Genres)).Distinct().Order().ToArray();
        }
        var userItems = new int[Users][];
        var ages = new int[Users];
        for (int u = 0; u < Users; u++)
        {
            // ~165 interactions per user on average, as ML-1M (1,000,209 / 6,040).
            int n = 20 + rng.NextInt(290);
            var set = new SortedSet<int>();
            while (set.Count < n)
            {
                set.Add(rng.NextInt(Items));
            }
            userItems[u] = set.ToArray();
            ages[u] = rng.NextInt(25) == 0 ? 1 : 25;
        }
        var table = new ConceptTable("genre", Enumerable.Range(0, Genres).Select(g => "g" + g.ToString(CultureInfo.InvariantCulture)).ToArray(), itemGenres);
        _data = new RecDataset(new DatasetName("bench"), Items, userItems, Enumerable.Range(0, Items).Select(i => "item" + i.ToString(CultureInfo.InvariantCulture)).ToArray(), [table], [], userAgeCodes: ages);
        _split = Split.Create(_data, new SplitSettings());
        _intervention = new LatentIntervention(new RandomDotTwoTower(Users, Items, Dim, 2), new RandomNormalisingSae(Dim, Latents, 3));
    }

    public string? Run()
    {
        var data = _data!;
        var split = _split!;
        var iv = _intervention!;
        // Latent indices are arbitrary here (random SAE); real runs take them from the purity rule.
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var s = Suppression.Run(iv, data, split, data.Concepts, 0, 3);
        double tS = sw.Elapsed.TotalMilliseconds;
        int[] young = InterventionAudience.YoungUsers(data, split.SaeTestUsers);
        var n = Nudging.Run(iv, young, data.Concepts, 1, 7);
        double tN = sw.Elapsed.TotalMilliseconds - tS;
        var p = ItemPromotion.Run(iv, data, split, data.Concepts, 2, 11, [ItemPromotion.ItemByExternalId(data, 1032)]);
        double tP = sw.Elapsed.TotalMilliseconds - tS - tN;
        return string.Create(CultureInfo.InvariantCulture,
            $"suppression {tS:F0} ms, nudging {tN:F0} ms ({young.Length} young users), promotion {tP:F0} ms ({p.Items.Count} items, {p.SideEffectSample.Count} side-effect users)");
    }

    private sealed class RandomDotTwoTower : ITwoTower
    {
        private static readonly Scalar VectorScale = 0.3, BiasScale = 0.1;
        private readonly Tensor _userBias, _itemBias;

        public RandomDotTwoTower(int users, int items, int dim, long seed)
        {
            var g = new Generator((ulong)seed);
            UserVectors = randn(users, dim, generator: g).mul(VectorScale);
            ItemVectors = randn(items, dim, generator: g).mul(VectorScale);
            _userBias = randn(users, generator: g).mul(BiasScale);
            _itemBias = randn(items, generator: g).mul(BiasScale);
            UserCount = users;
            ItemCount = items;
            Dim = dim;
        }

        public RecommenderKind Kind => RecommenderKind.MF;
        public int Dim { get; }
        public int UserCount { get; }
        public int ItemCount { get; }
        public Tensor UserVectors { get; }
        public Tensor ItemVectors { get; }

        public Tensor PairLogits(Tensor userIndex, Tensor userVectors, Tensor itemIndex, Tensor itemVectors) =>
            _userBias.index_select(0, userIndex).add(_itemBias.index_select(0, itemIndex), One).add((userVectors * itemVectors).sum(1), One);

        public Tensor BlockLogits(Tensor userIndex, Tensor userVectors, Tensor itemIndex, Tensor itemVectors) =>
            _userBias.index_select(0, userIndex).unsqueeze(1).add(_itemBias.index_select(0, itemIndex).unsqueeze(0), One).add(userVectors.matmul(itemVectors.t()), One);

        public void Dispose()
        {
            UserVectors.Dispose();
            ItemVectors.Dispose();
            _userBias.Dispose();
            _itemBias.Dispose();
        }
    }

    private sealed class RandomNormalisingSae : ISparseAutoencoder
    {
        private static readonly Scalar WeightScale = 0.3, StdGuard = 1e-5;
        private readonly Tensor _w, _bPre, _bLat;

        public RandomNormalisingSae(int dim, int latents, long seed)
        {
            var g = new Generator((ulong)seed);
            _w = randn(latents, dim, generator: g).mul(WeightScale);
            _bPre = zeros(dim);
            _bLat = zeros(latents);
            InputDim = dim;
            Latents = latents;
        }

        public int InputDim { get; }
        public int Latents { get; }

        public Tensor Encode(Tensor x)
        {
            Tensor xt = (x - x.mean([1], keepdim: true)) / x.std(1, unbiased: true, keepdim: true).add(StdGuard, One);
            return nn.functional.relu((xt - _bPre).matmul(_w.t()).add(_bLat, One));
        }

        public Tensor Decode(Tensor z, Tensor original) =>
            z.matmul(_w).add(_bPre, One).mul(original.std(1, unbiased: true, keepdim: true)).add(original.mean([1], keepdim: true), One);
    }
}
