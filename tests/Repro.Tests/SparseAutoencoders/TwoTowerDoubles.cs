using Repro.Data;
using Repro.Recommenders;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Repro.Tests.SparseAutoencoders;

/// <summary>A frozen logistic MF stand-in: logit = b_u + b_i + u·i.</summary>
internal sealed class DotTwoTower : ITwoTower
{
    private readonly Tensor _users, _items, _userBias, _itemBias;

    public DotTwoTower(Tensor users, Tensor items, Tensor userBias, Tensor itemBias)
    {
        _users = users.detach();
        _items = items.detach();
        _userBias = userBias.detach();
        _itemBias = itemBias.detach();
    }

    /// <summary>Seeded N(0, 0.5²) vectors and N(0, 0.3²) biases.</summary>
    public static DotTwoTower Random(int users, int items, int dim, ulong seed)
    {
        using var g = new Generator(seed);
        return new DotTwoTower(randn([users, dim], generator: g) * 0.5, randn([items, dim], generator: g) * 0.5,
            randn([users], generator: g) * 0.3, randn([items], generator: g) * 0.3);
    }

    /// <summary>
    /// Logistic MF fitted by full-batch Adam on the split's training positives (all other cells 0). Biases stay 0 so
    /// the rankings depend on the vectors alone (with free biases the item bias alone orders the synthetic top-30s).
    /// </summary>
    public static DotTwoTower Trained(RecDataset data, Split split, int dim, ulong seed, int steps = 150)
    {
        using var g = new Generator(seed);
        var p = new Parameter(randn([data.UserCount, dim], generator: g) * 0.1);
        var q = new Parameter(randn([data.ItemCount, dim], generator: g) * 0.1);
        var bu = new Parameter(zeros(data.UserCount));
        var bi = new Parameter(zeros(data.ItemCount));
        var labels = zeros(data.UserCount, data.ItemCount);
        for (int u = 0; u < data.UserCount; u++)
        {
            foreach (int i in split.TrainItems[u])
            {
                labels[u, i] = 1f;
            }
        }
        using var opt = optim.Adam([p, q], 0.05);
        using var PositiveWeight = tensor((float)((labels.numel() - labels.sum().item<float>()) / labels.sum().item<float>()));
        for (int s = 0; s < steps; s++)
        {
            using var scope = NewDisposeScope();
            var logits = p.matmul(q.t()) + bu.unsqueeze(1) + bi.unsqueeze(0);
            // Positives weighted up to balance the ~10:1 negatives, else the first thing learnt is one shared
            // "everything is negative" direction and every user gets the same ranking.
            var loss = nn.functional.binary_cross_entropy_with_logits(logits, labels, pos_weights: PositiveWeight) + 1e-4 * (p.pow(2).sum() + q.pow(2).sum());
            opt.zero_grad();
            loss.backward();
            opt.step();
        }
        return new DotTwoTower(p, q, bu, bi);
    }

    public string Kind => "MF";
    public int Dim => (int)_users.shape[1];
    public int UserCount => (int)_users.shape[0];
    public int ItemCount => (int)_items.shape[0];
    public Tensor UserVectors => _users;
    public Tensor ItemVectors => _items;

    /// <summary>All frozen parameters, for bit-identity checks.</summary>
    public IEnumerable<Tensor> Parameters => [_users, _items, _userBias, _itemBias];

    public Tensor PairLogits(Tensor userIndex, Tensor userVectors, Tensor itemIndex, Tensor itemVectors) =>
        (userVectors * itemVectors).sum(1) + _userBias.index_select(0, userIndex) + _itemBias.index_select(0, itemIndex);

    public Tensor BlockLogits(Tensor userIndex, Tensor userVectors, Tensor itemIndex, Tensor itemVectors) =>
        userVectors.matmul(itemVectors.t()) + _userBias.index_select(0, userIndex).unsqueeze(1) + _itemBias.index_select(0, itemIndex).unsqueeze(0);

    public void Dispose()
    {
        _users.Dispose();
        _items.Dispose();
        _userBias.Dispose();
        _itemBias.Dispose();
    }
}

/// <summary>A frozen NCF stand-in: an MLP on [u; i] with seeded weights (parameters keep requires_grad, like a careless real model).</summary>
internal sealed class MlpTwoTower : ITwoTower
{
    private readonly Tensor _users, _items;
    private readonly Sequential _mlp;

    public MlpTwoTower(int users, int items, int dim, ulong seed, int hidden = 16)
    {
        using var g = new Generator(seed);
        _users = randn([users, dim], generator: g) * 0.5;
        _items = randn([items, dim], generator: g) * 0.5;
        torch.manual_seed((long)seed);
        _mlp = nn.Sequential(nn.Linear(2 * dim, hidden), nn.ReLU(), nn.Linear(hidden, 1));
    }

    public string Kind => "NCF";
    public int Dim => (int)_users.shape[1];
    public int UserCount => (int)_users.shape[0];
    public int ItemCount => (int)_items.shape[0];
    public Tensor UserVectors => _users;
    public Tensor ItemVectors => _items;

    public IEnumerable<Tensor> Parameters => _mlp.parameters().Cast<Tensor>().Concat([_users, _items]);

    public Tensor PairLogits(Tensor userIndex, Tensor userVectors, Tensor itemIndex, Tensor itemVectors) =>
        _mlp.forward(cat([userVectors, itemVectors], 1)).squeeze(1);

    public Tensor BlockLogits(Tensor userIndex, Tensor userVectors, Tensor itemIndex, Tensor itemVectors)
    {
        long b = userVectors.shape[0], c = itemVectors.shape[0];
        var pairs = cat([userVectors.unsqueeze(1).expand(b, c, -1), itemVectors.unsqueeze(0).expand(b, c, -1)], 2);
        return _mlp.forward(pairs.reshape(b * c, -1)).reshape(b, c);
    }

    public void Dispose()
    {
        _users.Dispose();
        _items.Dispose();
        _mlp.Dispose();
    }
}

/// <summary>Helpers shared by the SAE tests.</summary>
internal static class Fingerprints
{
    /// <summary>SHA-256 of the raw bytes of every tensor, in order: equal hashes mean bit-identical weights.</summary>
    public static string Hash(IEnumerable<Tensor> tensors)
    {
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var t in tensors)
        {
            sha.AppendData(t.detach().contiguous().cpu().bytes);
        }
        return Convert.ToHexString(sha.GetHashAndReset());
    }
}
