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

    /// <summary>Creates <paramref name="members"/> SAEs with n inputs and m latents, each with the weights <paramref name="seed"/> draws.</summary>
    public MfSparseAutoencoder(int inputDim, int latents, long seed, int members = 1) : base(nameof(MfSparseAutoencoder))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputDim, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(latents);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(members);
        InputDim = inputDim;
        Latents = latents;
        Members = members;
        W = Owned.Make(() => new Parameter(KaimingUniform(members, latents, inputDim, seed)));
        b_pre = Owned.Make(() => new Parameter(zeros(members, inputDim)));
        b_lat = Owned.Make(() => new Parameter(zeros(members, latents)));
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override int InputDim { get; }

    /// <inheritdoc/>
    public override int Latents { get; }

    /// <inheritdoc/>
    public override int Members { get; }

    /// <inheritdoc/>
    public override Tensor StackedWeight => W;

    /// <summary>Decoder-side bias b_pre of a lone SAE, [n].</summary>
    public Tensor PreBias => MemberZero(b_pre);

    /// <summary>Latent bias b_lat of a lone SAE, [m].</summary>
    public Tensor LatentBias => MemberZero(b_lat);

    /// <inheritdoc/>
    public override Tensor PreActivations(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var scope = NewDisposeScope();
        var (mu, sigma) = Moments(x);
        Tensor normalised = (x - mu) / sigma.add(StdGuard, One);
        // One batched product for every member: the same numbers as nn.functional.linear per member.
        return normalised.unsqueeze(0).sub(b_pre.unsqueeze(1)).bmm(W.transpose(1, 2)).add(b_lat.unsqueeze(1), One).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public override Tensor DecodeAll(Tensor z, Tensor original)
    {
        ArgumentNullException.ThrowIfNull(z);
        ArgumentNullException.ThrowIfNull(original);
        using var scope = NewDisposeScope();
        var (mu, sigma) = Moments(original);
        return z.bmm(W).add(b_pre.unsqueeze(1), One).mul(sigma).add(mu, One).MoveToOuterDisposeScope();
    }

    // μ and unbiased σ of each row, detached: they are properties of the input, not of the SAE.
    private static (Tensor Mu, Tensor Sigma) Moments(Tensor x)
    {
        Tensor d = x.detach();
        return (d.mean([1], keepdim: true), d.std(1, unbiased: true, keepdim: true));
    }
}
