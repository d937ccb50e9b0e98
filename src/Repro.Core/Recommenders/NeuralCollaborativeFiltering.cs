using TorchSharp;
using TorchSharp.Modules;
using static Repro.Scalars;
using static TorchSharp.torch;

namespace Repro.Recommenders;

/// <summary>
/// NCF's MLP tower (SPEC §3): user and item embeddings of dim d, <c>N(0, 0.1²)</c>; on <c>[e_u; e_i]</c>
/// Linear(2d,64)–ReLU–Linear(64,32)–ReLU–Linear(32,16)–ReLU–Linear(16,1). The logit is the last layer's output
/// (the probability is its sigmoid). Trained with BCE and Adam, then frozen: the MLP is the score function.
/// </summary>
public sealed class NeuralCollaborativeFiltering : nn.Module<Tensor, Tensor, Tensor>, ITwoTower
{
    // Rows of the [users × items × 64] first-layer block scored at once: bounds BlockLogits' memory (~32 MB).
    private const long BlockRows = 1L << 17;

    private readonly Parameter user_embedding;
    private readonly Parameter item_embedding;
    private readonly Linear layer1;
    private readonly Linear layer2;
    private readonly Linear layer3;
    private readonly Linear layer4;

    /// <summary>
    /// Creates the model with every initial weight drawn from <paramref name="seed"/>: embeddings N(0, 0.1²),
    /// linear layers U(−1/√fan_in, 1/√fan_in) like PyTorch's default.
    /// </summary>
    public NeuralCollaborativeFiltering(int users, int items, int dim, ulong seed, torch.Device? device = null)
        : base(nameof(NeuralCollaborativeFiltering))
    {
        device ??= torch.CPU;
        UserCount = users;
        ItemCount = items;
        Dim = dim;
        var rng = SeededRandom.For(seed, "ncf-init");
        user_embedding = Owned.Make(() => new Parameter(Normal(rng, 0.1, users, dim)));
        item_embedding = Owned.Make(() => new Parameter(Normal(rng, 0.1, items, dim)));
        layer1 = MakeLinear(rng, 2 * dim, 64);
        layer2 = MakeLinear(rng, 64, 32);
        layer3 = MakeLinear(rng, 32, 16);
        layer4 = MakeLinear(rng, 16, 1);
        RegisterComponents();
        this.to(device);
    }

    /// <inheritdoc />
    public RecommenderKind Kind => RecommenderKind.NCF;

    /// <inheritdoc />
    public int Dim { get; }

    /// <inheritdoc />
    public int UserCount { get; }

    /// <inheritdoc />
    public int ItemCount { get; }

    /// <inheritdoc />
    public Tensor UserVectors => user_embedding;

    /// <inheritdoc />
    public Tensor ItemVectors => item_embedding;

    /// <summary>Training forward: logits of aligned (user, item) index pairs, through the trainable embeddings.</summary>
    public override Tensor forward(Tensor userIndex, Tensor itemIndex) =>
        Mlp(user_embedding.index_select(0, userIndex), item_embedding.index_select(0, itemIndex));

    /// <summary>Stops every parameter from taking gradients: the score function is frozen from here on.</summary>
    public void Freeze()
    {
        // Drop the last training step's gradients too, so a frozen model holds no stale .grad.
        zero_grad(set_to_none: true);
        foreach (var p in parameters())
        {
            p.requires_grad = false;
        }
    }

    /// <inheritdoc />
    public Tensor PairLogits(Tensor userIndex, Tensor userVectors, Tensor itemIndex, Tensor itemVectors) => Mlp(userVectors, itemVectors);

    /// <inheritdoc />
    public Tensor BlockLogits(Tensor userIndex, Tensor userVectors, Tensor itemIndex, Tensor itemVectors)
    {
        ArgumentNullException.ThrowIfNull(userVectors);
        ArgumentNullException.ThrowIfNull(itemVectors);
        using var scope = NewDisposeScope();
        // W1·[u; i] = W1u·u + W1i·i: each side's half of the first layer is computed once, then broadcast-added.
        int d = Dim;
        Tensor w1 = layer1.weight!;
        Tensor hu = userVectors.matmul(w1.narrow(1, 0, d).t()).add(layer1.bias!, One); // [B, 64]
        Tensor hi = itemVectors.matmul(w1.narrow(1, d, d).t());               // [C, 64]
        long b = hu.shape[0], c = hi.shape[0];
        long chunk = Math.Max(1, BlockRows / Math.Max(1, c));
        var parts = new List<Tensor>();
        for (long start = 0; start < b; start += chunk)
        {
            // Intermediates die with each chunk (autograd keeps what it needs); otherwise a 512-user block
            // would hold ~1.6 GB of [users, C, 64] activations until the end of the call.
            using var chunkScope = NewDisposeScope();
            long len = Math.Min(chunk, b - start);
            // In-place ReLUs are autograd-safe here: neither add nor linear needs its output for the backward pass.
            Tensor h = hu.narrow(0, start, len).unsqueeze(1).add(hi.unsqueeze(0), One).relu_(); // [len, C, 64]
            h = layer2.forward(h).relu_();
            h = layer3.forward(h).relu_();
            parts.Add(layer4.forward(h).squeeze(-1).MoveToOuterDisposeScope());
        }
        Tensor logits = parts.Count == 1 ? parts[0] : cat(parts, 0);
        return logits.MoveToOuterDisposeScope();
    }

    private Tensor Mlp(Tensor u, Tensor i)
    {
        using var scope = NewDisposeScope();
        Tensor h = nn.functional.relu(layer1.forward(cat([u, i], -1)));
        h = nn.functional.relu(layer2.forward(h));
        h = nn.functional.relu(layer3.forward(h));
        return layer4.forward(h).squeeze(-1).MoveToOuterDisposeScope();
    }

    private static Tensor Normal(SeededRandom rng, double std, int rows, int cols)
    {
        var values = new float[rows * cols];
        for (int k = 0; k < values.Length; k++)
        {
            values[k] = (float)(rng.NextGaussian() * std);
        }
        return tensor(values).reshape(rows, cols);
    }

    private static Linear MakeLinear(SeededRandom rng, int fanIn, int fanOut)
    {
        var layer = nn.Linear(fanIn, fanOut);
        double bound = 1.0 / Math.Sqrt(fanIn);
        using (NewDisposeScope())
        using (no_grad())
        {
            layer.weight!.copy_(Uniform(rng, bound, fanOut * fanIn).reshape(fanOut, fanIn));
            layer.bias!.copy_(Uniform(rng, bound, fanOut));
        }
        return layer;
    }

    private static Tensor Uniform(SeededRandom rng, double bound, int n)
    {
        var values = new float[n];
        for (int k = 0; k < n; k++)
        {
            values[k] = (float)(((2 * rng.NextDouble()) - 1) * bound);
        }
        return tensor(values);
    }
}
