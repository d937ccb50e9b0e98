using TorchSharp;
using static TorchSharp.torch;

namespace Repro.SparseAutoencoders;

/// <summary>
/// What every SAE variant shares (SPEC §4): a tied weight <c>W ∈ R^{m×n}</c>, a ReLU code computed from
/// pre-activations, and a decoder that may use the original vector (MF's de-normalisation). Top-K and
/// Matryoshka wrap a base variant and reuse its pre-activations and decoder.
/// </summary>
public abstract class TiedSparseAutoencoder : nn.Module<Tensor, Tensor>, ISparseAutoencoder
{
    /// <summary>Creates the module with a TorchSharp name.</summary>
    protected TiedSparseAutoencoder(string name) : base(name)
    {
    }

    /// <inheritdoc/>
    public abstract int InputDim { get; }

    /// <inheritdoc/>
    public abstract int Latents { get; }

    /// <summary>The tied weight W, [m, n] (encoder W, decoder Wᵀ).</summary>
    public abstract Tensor Weight { get; }

    /// <summary>Pre-activations before the ReLU (or Top-K selection): [B, n] → [B, m].</summary>
    public abstract Tensor PreActivations(Tensor x);

    /// <inheritdoc/>
    public virtual Tensor Encode(Tensor x) => nn.functional.relu(PreActivations(x));

    /// <inheritdoc/>
    public abstract Tensor Decode(Tensor z, Tensor original);

    /// <summary>
    /// This variant's embedding term of the loss, from the step's codes and reconstructions:
    /// <c>MSE(û,u) + MSE(î,i)</c> (Matryoshka overrides it to sum over its prefixes).
    /// </summary>
    public virtual Tensor EmbeddingLoss(Tensor userCodes, Tensor users, Tensor userHat, Tensor itemCodes, Tensor items, Tensor itemHat) =>
        EmbeddingReconstructionLoss.Compute(userHat, users, itemHat, items);

    /// <summary>Reconstruction x̂ of x.</summary>
    public override Tensor forward(Tensor input) => Decode(Encode(input), input);

    /// <summary>Writes the module state (TorchSharp format) so a trained SAE can be cached.</summary>
    public void Save(string path) => save(path);

    /// <summary>Reads a state written by <see cref="Save"/> into this module (same variant and shape).</summary>
    public void Load(string path) => load(path);

    // Kaiming-uniform with a = √5, i.e. U(−1/√n, 1/√n): PyTorch's nn.Linear default, which the paper's
    // notebooks got implicitly; drawn from a generator seeded by the caller so two SAEs with one seed are
    // bit-identical (D4). Biases start at zero so the first codes are not shifted.
    internal static Tensor KaimingUniform(int rows, int cols, long seed)
    {
        using var g = new Generator((ulong)seed);
        double bound = 1.0 / Math.Sqrt(cols);
        using var u = rand([rows, cols], generator: g);
        using Scalar width = 2 * bound;
        using Scalar shift = bound;
        return u.mul(width).sub_(shift);
    }
}
