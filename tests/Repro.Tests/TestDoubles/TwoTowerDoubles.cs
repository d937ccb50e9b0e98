using System.Security.Cryptography;
using Repro.Data;
using Repro.Recommenders;
using TorchSharp;
using static Repro.Scalars;
using static TorchSharp.torch;

namespace Repro.Tests.TestDoubles;

/// <summary>A frozen "MF"-like two-tower: s(u, i) = p_u·q_i + b_u + b_i, hand-set, seeded or fitted.</summary>
internal sealed class DotTwoTower : ITwoTower
{
    private static readonly Scalar Half = 0.5, VectorScale = 0.1, BiasScale = 0.3, Decay = 1e-4;
    private readonly Tensor _userBias, _itemBias;

    public DotTwoTower(Tensor users, Tensor items, Tensor userBias, Tensor itemBias)
    {
        UserVectors = users.detach();
        ItemVectors = items.detach();
        _userBias = userBias.detach();
        _itemBias = itemBias.detach();
    }

    /// <summary>Hand-set vectors; missing biases are 0.</summary>
    public DotTwoTower(float[,] users, float[,] items, float[]? userBias = null, float[]? itemBias = null)
        : this(tensor(users), tensor(items), tensor(userBias ?? new float[users.GetLength(0)]), tensor(itemBias ?? new float[items.GetLength(0)]))
    {
    }

    /// <summary>Seeded N(0, 0.5²) vectors and N(0, 0.3²) biases.</summary>
    public static DotTwoTower Random(int users, int items, int dim, ulong seed)
    {
        using var g = new Generator(seed);
        return new DotTwoTower(randn([users, dim], generator: g).mul(Half), randn([items, dim], generator: g).mul(Half),
            randn([users], generator: g).mul(BiasScale), randn([items], generator: g).mul(BiasScale));
    }

    /// <summary>
    /// Logistic MF fitted by full-batch Adam on the split's training positives (all other cells 0). Biases stay 0 so
    /// the rankings depend on the vectors alone (with free biases the item bias alone orders the synthetic top-30s).
    /// </summary>
    public static DotTwoTower Trained(RecDataset data, Split split, int dim, ulong seed, int steps = 150)
    {
        using var g = new Generator(seed);
        var p = new TorchSharp.Modules.Parameter(randn([data.UserCount, dim], generator: g).mul(VectorScale));
        var q = new TorchSharp.Modules.Parameter(randn([data.ItemCount, dim], generator: g).mul(VectorScale));
        var bu = new TorchSharp.Modules.Parameter(zeros(data.UserCount));
        var bi = new TorchSharp.Modules.Parameter(zeros(data.ItemCount));
        // Filled as one array: one tensor indexer call per positive cost seconds.
        var cells = new float[data.UserCount * data.ItemCount];
        for (int u = 0; u < data.UserCount; u++)
        {
            foreach (int i in split.TrainItems[u])
            {
                cells[(u * data.ItemCount) + i] = 1f;
            }
        }
        using var labels = tensor(cells).reshape(data.UserCount, data.ItemCount);
        using var opt = new LeanAdam([p, q], 0.05);
        using var PositiveWeight = tensor((float)((labels.numel() - labels.sum().item<float>()) / labels.sum().item<float>()));
        for (int s = 0; s < steps; s++)
        {
            using var scope = NewDisposeScope();
            var logits = p.matmul(q.t()).add(bu.unsqueeze(1), One).add(bi.unsqueeze(0), One);
            // Positives weighted up to balance the ~10:1 negatives, else the first thing learnt is one shared
            // "everything is negative" direction and every user gets the same ranking.
            var loss = nn.functional.binary_cross_entropy_with_logits(logits, labels, pos_weights: PositiveWeight)
                .add(p.pow(Two).sum().add(q.pow(Two).sum(), One).mul(Decay), One);
            opt.ZeroGrad();
            loss.backward();
            opt.Step();
        }
        return new DotTwoTower(p, q, bu, bi);
    }

    public RecommenderKind Kind => RecommenderKind.MF;
    public int Dim => (int)UserVectors.shape[1];
    public int UserCount => (int)UserVectors.shape[0];
    public int ItemCount => (int)ItemVectors.shape[0];
    public Tensor UserVectors { get; }
    public Tensor ItemVectors { get; }

    /// <summary>Every tensor the model owns (vectors and biases), for bit-identity checks.</summary>
    public IEnumerable<Tensor> Weights => [UserVectors, ItemVectors, _userBias, _itemBias];

    public Tensor PairLogits(Tensor userIndex, Tensor userVectors, Tensor itemIndex, Tensor itemVectors) =>
        (userVectors * itemVectors).sum(1).add(_userBias.index_select(0, userIndex), One).add(_itemBias.index_select(0, itemIndex), One);

    public Tensor BlockLogits(Tensor userIndex, Tensor userVectors, Tensor itemIndex, Tensor itemVectors) =>
        userVectors.matmul(itemVectors.t()).add(_userBias.index_select(0, userIndex).unsqueeze(1), One).add(_itemBias.index_select(0, itemIndex).unsqueeze(0), One);

    public void Dispose()
    {
        foreach (var t in Weights)
        {
            t.Dispose();
        }
    }
}

/// <summary>
/// A frozen "NCF"-like two-tower: s(u, i) = w₂·ReLU(W_u u + W_i i + b₁) + b₂ (one hidden layer on [u; i]),
/// hand-set or seeded.
/// </summary>
internal sealed class MlpTwoTower : ITwoTower
{
    private static readonly Scalar Half = 0.5;
    private readonly Tensor _wUser, _wItem, _b1, _w2, _b2;

    /// <summary>Hand-set vectors and weights (W_u, W_i: hidden × dim; b₁, w₂: hidden).</summary>
    public MlpTwoTower(float[,] users, float[,] items, float[,] wUser, float[,] wItem, float[] b1, float[] w2, float b2)
    {
        UserVectors = tensor(users);
        ItemVectors = tensor(items);
        _wUser = tensor(wUser);
        _wItem = tensor(wItem);
        _b1 = tensor(b1);
        _w2 = tensor(w2);
        _b2 = tensor(new[] { b2 });
    }

    /// <summary>
    /// Seeded N(0, 0.5²) vectors and TorchSharp's default Linear initialisation of the MLP, whose weights keep
    /// requires_grad, like a careless real model.
    /// </summary>
    public MlpTwoTower(int users, int items, int dim, ulong seed, int hidden = 16)
    {
        using (var g = new Generator(seed))
        {
            UserVectors = randn([users, dim], generator: g).mul(Half);
            ItemVectors = randn([items, dim], generator: g).mul(Half);
        }
        torch.manual_seed((long)seed);
        using var first = nn.Linear(2 * dim, hidden);
        using var second = nn.Linear(hidden, 1);
        using (no_grad())
        {
            _wUser = first.weight![.., ..dim].clone().requires_grad_(true);
            _wItem = first.weight![.., dim..].clone().requires_grad_(true);
            _b1 = first.bias!.clone().requires_grad_(true);
            _w2 = second.weight![0].clone().requires_grad_(true);
            _b2 = second.bias!.clone().requires_grad_(true);
        }
    }

    public RecommenderKind Kind => RecommenderKind.NCF;
    public int Dim => (int)UserVectors.shape[1];
    public int UserCount => (int)UserVectors.shape[0];
    public int ItemCount => (int)ItemVectors.shape[0];
    public Tensor UserVectors { get; }
    public Tensor ItemVectors { get; }

    /// <summary>Every tensor the model owns (vectors and MLP weights), for bit-identity checks.</summary>
    public IEnumerable<Tensor> Weights => [UserVectors, ItemVectors, _wUser, _wItem, _b1, _w2, _b2];

    public Tensor PairLogits(Tensor userIndex, Tensor userVectors, Tensor itemIndex, Tensor itemVectors) =>
        nn.functional.relu(userVectors.matmul(_wUser.t()).add(itemVectors.matmul(_wItem.t()), One).add(_b1, One)).matmul(_w2).add(_b2, One);

    public Tensor BlockLogits(Tensor userIndex, Tensor userVectors, Tensor itemIndex, Tensor itemVectors)
    {
        Tensor hu = userVectors.matmul(_wUser.t()).unsqueeze(1);   // [B, 1, h]
        Tensor hi = itemVectors.matmul(_wItem.t()).unsqueeze(0);   // [1, C, h]
        return nn.functional.relu(hu.add(hi, One).add(_b1, One)).matmul(_w2).add(_b2, One);    // [B, C]
    }

    public void Dispose()
    {
        foreach (var t in Weights)
        {
            t.Dispose();
        }
    }
}

/// <summary>SHA-256 over the raw bytes of tensors, in order: equal hashes mean bit-identical weights.</summary>
internal static class WeightHash
{
    public static string Of(IEnumerable<Tensor> tensors)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var t in tensors)
        {
            sha.AppendData(t.detach().contiguous().cpu().bytes);
        }
        return Convert.ToHexString(sha.GetHashAndReset());
    }
}
