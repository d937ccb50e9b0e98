using TorchSharp;
using TorchSharp.Modules;
using static Repro.Scalars;
using static TorchSharp.torch;

namespace Repro.SparseAutoencoders;

/// <summary>
/// The MF variant (SPEC §4): each vector is normalised by its own mean and unbiased std,
/// <c>z = ReLU(W (x̃ − b_pre) + b_lat)</c>, <c>x̂ = (Wᵀz + b_pre)·σ + μ</c> with the original vector's μ, σ.
/// </summary>
public sealed class MfSparseAutoencoder : TiedSparseAutoencoder
{
    /// <summary>Guard added to σ so constant vectors do not divide by zero (the notebooks' value).</summary>
    public const double StdEpsilon = 1e-5;

    /// <summary><see cref="StdEpsilon"/> as a kept Scalar.</summary>
    internal static readonly Scalar StdGuard = StdEpsilon;

    private readonly Parameter W;
    private readonly Parameter b_pre;
    private readonly Parameter b_lat;

    /// <summary>Creates an SAE with n inputs and m latents, weights drawn from <paramref name="seed"/>.</summary>
    public MfSparseAutoencoder(int inputDim, int latents, long seed) : base(nameof(MfSparseAutoencoder))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputDim, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(latents);
        InputDim = inputDim;
        Latents = latents;
        W = Owned.Make(() => new Parameter(KaimingUniform(latents, inputDim, seed)));
        b_pre = Owned.Make(() => new Parameter(zeros(inputDim)));
        b_lat = Owned.Make(() => new Parameter(zeros(latents)));
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override int InputDim { get; }

    /// <inheritdoc/>
    public override int Latents { get; }

    /// <inheritdoc/>
    public override Tensor Weight => W;

    /// <summary>Decoder-side bias b_pre, [n].</summary>
    public Tensor PreBias => b_pre;

    /// <summary>Latent bias b_lat, [m].</summary>
    public Tensor LatentBias => b_lat;

    /// <inheritdoc/>
    public override Tensor PreActivations(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var scope = NewDisposeScope();
        var (mu, sigma) = Moments(x);
        Tensor normalised = (x - mu) / sigma.add(StdGuard, One);
        return nn.functional.linear(normalised - b_pre, W, b_lat).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public override Tensor Decode(Tensor z, Tensor original)
    {
        ArgumentNullException.ThrowIfNull(z);
        ArgumentNullException.ThrowIfNull(original);
        using var scope = NewDisposeScope();
        var (mu, sigma) = Moments(original);
        return z.matmul(W).add(b_pre, One).mul(sigma).add(mu, One).MoveToOuterDisposeScope();
    }

    // μ and unbiased σ of each row, detached: they are properties of the input, not of the SAE.
    private static (Tensor Mu, Tensor Sigma) Moments(Tensor x)
    {
        Tensor d = x.detach();
        return (d.mean([1], keepdim: true), d.std(1, unbiased: true, keepdim: true));
    }
}
