using static TorchSharp.torch;

namespace Repro.SparseAutoencoders;

/// <summary>
/// Top-K baseline (SPEC §4, not in the paper's experiments): the wrapped variant's architecture, but the code
/// keeps only the k largest pre-activations of each vector (then ReLU, so a kept negative value stays 0).
/// </summary>
public sealed class TopKSparseAutoencoder : TiedSparseAutoencoder
{
    private readonly TiedSparseAutoencoder inner;

    /// <summary>Wraps a freshly initialised MF or NCF SAE (any number of members); <paramref name="k"/> active latents at most.</summary>
    public TopKSparseAutoencoder(TiedSparseAutoencoder inner, int k) : base(nameof(TopKSparseAutoencoder))
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, inner.Latents);
        this.inner = inner;
        K = k;
        RegisterComponents();
    }

    /// <summary>Number of latents kept per vector.</summary>
    public int K { get; }

    /// <summary>The wrapped base variant.</summary>
    public TiedSparseAutoencoder Inner => inner;

    /// <inheritdoc/>
    public override int InputDim => inner.InputDim;

    /// <inheritdoc/>
    public override int Latents => inner.Latents;

    /// <inheritdoc/>
    public override int Members => inner.Members;

    /// <inheritdoc/>
    public override Tensor StackedWeight => inner.StackedWeight;

    /// <inheritdoc/>
    public override Tensor PreActivations(Tensor x) => inner.PreActivations(x);

    /// <inheritdoc/>
    public override Tensor EncodeAll(Tensor x)
    {
        using var scope = NewDisposeScope();
        Tensor pre = PreActivations(x);
        var (values, indices) = pre.topk(K, dim: -1);
        Tensor kept = zeros_like(pre).scatter(-1, indices, nn.functional.relu(values));
        return kept.MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public override Tensor DecodeAll(Tensor z, Tensor original) => inner.DecodeAll(z, original);
}
