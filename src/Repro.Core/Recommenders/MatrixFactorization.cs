using TorchSharp;
using TorchSharp.Modules;
using static Repro.Scalars;
using static TorchSharp.torch;

namespace Repro.Recommenders;

/// <summary>
/// Logistic matrix factorisation (SPEC §3): <c>s(u,i) = σ(b_u + b_i + p_u·q_i)</c>. Its parameters never take
/// gradients: training is the paper's summed SGD (<see cref="MatrixFactorizationSgd"/>), and afterwards the
/// score function is frozen while gradients still reach the vectors passed in.
/// </summary>
public sealed class MatrixFactorization : nn.Module, ITwoTower
{
    private readonly Parameter user_vectors;
    private readonly Parameter item_vectors;
    private readonly Parameter user_bias;
    private readonly Parameter item_bias;

    /// <summary>Creates the model with <c>P, Q ~ N(0, (1/K)²)</c> and zero biases, drawn from <paramref name="seed"/>.</summary>
    public MatrixFactorization(int users, int items, int dim, ulong seed, torch.Device? device = null)
        : this(Gaussian(users * dim, 1.0 / dim, seed, "mf-user-init"), Gaussian(items * dim, 1.0 / dim, seed, "mf-item-init"),
               new float[users], new float[items], users, items, dim, device)
    {
    }

    /// <summary>Creates the model from raw row-major arrays (P: users × dim, Q: items × dim).</summary>
    public MatrixFactorization(float[] p, float[] q, float[] userBias, float[] itemBias, int users, int items, int dim, torch.Device? device = null)
        : base(nameof(MatrixFactorization))
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        ArgumentNullException.ThrowIfNull(userBias);
        ArgumentNullException.ThrowIfNull(itemBias);
        if (p.Length != (long)users * dim || q.Length != (long)items * dim || userBias.Length != users || itemBias.Length != items)
        {
            throw new ArgumentException($"MF arrays do not match {users} users × {items} items × K = {dim}.");
        }
        device ??= torch.CPU;
        UserCount = users;
        ItemCount = items;
        Dim = dim;
        user_vectors = Owned.Make(() => new Parameter(tensor(p).reshape(users, dim).to(device), requires_grad: false));
        item_vectors = Owned.Make(() => new Parameter(tensor(q).reshape(items, dim).to(device), requires_grad: false));
        user_bias = Owned.Make(() => new Parameter(tensor(userBias).to(device), requires_grad: false));
        item_bias = Owned.Make(() => new Parameter(tensor(itemBias).to(device), requires_grad: false));
        RegisterComponents();
    }

    /// <inheritdoc />
    public RecommenderKind Kind => RecommenderKind.MF;

    /// <inheritdoc />
    public int Dim { get; }

    /// <inheritdoc />
    public int UserCount { get; }

    /// <inheritdoc />
    public int ItemCount { get; }

    /// <inheritdoc />
    public Tensor UserVectors => user_vectors;

    /// <inheritdoc />
    public Tensor ItemVectors => item_vectors;

    /// <summary>User biases b_u, [users].</summary>
    public Tensor UserBias => user_bias;

    /// <summary>Item biases b_i, [items].</summary>
    public Tensor ItemBias => item_bias;

    /// <inheritdoc />
    public Tensor PairLogits(Tensor userIndex, Tensor userVectors, Tensor itemIndex, Tensor itemVectors)
    {
        ArgumentNullException.ThrowIfNull(userVectors);
        using var scope = NewDisposeScope();
        Tensor logits = user_bias.index_select(0, userIndex).add(item_bias.index_select(0, itemIndex), One).add((userVectors * itemVectors).sum(-1), One);
        return logits.MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public Tensor BlockLogits(Tensor userIndex, Tensor userVectors, Tensor itemIndex, Tensor itemVectors)
    {
        ArgumentNullException.ThrowIfNull(userVectors);
        using var scope = NewDisposeScope();
        Tensor logits = userVectors.matmul(itemVectors.t())
            .add(user_bias.index_select(0, userIndex).unsqueeze(1), One)
            .add(item_bias.index_select(0, itemIndex).unsqueeze(0), One);
        return logits.MoveToOuterDisposeScope();
    }

    /// <summary>Copies the parameters out as row-major arrays (P, Q, b_u, b_i).</summary>
    public (float[] P, float[] Q, float[] UserBias, float[] ItemBias) ToArrays() =>
        (Floats(user_vectors), Floats(item_vectors), Floats(user_bias), Floats(item_bias));

    internal static float[] Floats(Tensor t)
    {
        using var scope = NewDisposeScope();
        return t.detach().cpu().contiguous().data<float>().ToArray();
    }

    private static float[] Gaussian(int n, double std, ulong seed, string stream)
    {
        var rng = SeededRandom.For(seed, stream);
        var values = new float[n];
        for (int k = 0; k < n; k++)
        {
            values[k] = (float)(rng.NextGaussian() * std);
        }
        return values;
    }
}
