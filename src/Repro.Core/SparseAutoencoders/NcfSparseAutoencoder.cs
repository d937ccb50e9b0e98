using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Repro.SparseAutoencoders;

/// <summary>The NCF variant (SPEC §4): <c>z = ReLU(W x + b)</c>, <c>x̂ = Wᵀz</c>, no decoder bias.</summary>
public sealed class NcfSparseAutoencoder : TiedSparseAutoencoder
{
    private readonly Parameter W;
    private readonly Parameter b;

    /// <summary>Creates an SAE with n inputs and m latents, weights drawn from <paramref name="seed"/>.</summary>
    public NcfSparseAutoencoder(int inputDim, int latents, long seed) : base(nameof(NcfSparseAutoencoder))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputDim);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(latents);
        InputDim = inputDim;
        Latents = latents;
        W = Owned.Make(() => new Parameter(KaimingUniform(latents, inputDim, seed)));
        b = Owned.Make(() => new Parameter(zeros(latents)));
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override int InputDim { get; }

    /// <inheritdoc/>
    public override int Latents { get; }

    /// <inheritdoc/>
    public override Tensor Weight => W;

    /// <summary>Encoder bias b, [m].</summary>
    public Tensor Bias => b;

    /// <inheritdoc/>
    public override Tensor PreActivations(Tensor x) => nn.functional.linear(x, W, b);

    /// <inheritdoc/>
    public override Tensor Decode(Tensor z, Tensor original)
    {
        ArgumentNullException.ThrowIfNull(z);
        return z.matmul(W);
    }
}
