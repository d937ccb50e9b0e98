using TorchSharp;
using TorchSharp.Modules;
using static Repro.Scalars;
using static TorchSharp.torch;

namespace Repro.SparseAutoencoders;

/// <summary>The NCF variant (SPEC §4): <c>z = ReLU(W x + b)</c>, <c>x̂ = Wᵀz</c>, no decoder bias.</summary>
public sealed class NcfSparseAutoencoder : TiedSparseAutoencoder
{
    private readonly Parameter W;
    private readonly Parameter b;

    /// <summary>Creates <paramref name="members"/> SAEs with n inputs and m latents, each with the weights <paramref name="seed"/> draws.</summary>
    public NcfSparseAutoencoder(int inputDim, int latents, long seed, int members = 1) : base(nameof(NcfSparseAutoencoder))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputDim);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(latents);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(members);
        InputDim = inputDim;
        Latents = latents;
        Members = members;
        W = Owned.Make(() => new Parameter(KaimingUniform(members, latents, inputDim, seed)));
        b = Owned.Make(() => new Parameter(zeros(members, latents)));
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

    /// <summary>Encoder bias b of a lone SAE, [m].</summary>
    public Tensor Bias => MemberZero(b);

    /// <inheritdoc/>
    public override Tensor PreActivations(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var scope = NewDisposeScope();
        return x.unsqueeze(0).expand(Members, -1, -1).bmm(W.transpose(1, 2)).add(b.unsqueeze(1), One).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public override Tensor DecodeAll(Tensor z, Tensor original)
    {
        ArgumentNullException.ThrowIfNull(z);
        return z.bmm(W);
    }
}
