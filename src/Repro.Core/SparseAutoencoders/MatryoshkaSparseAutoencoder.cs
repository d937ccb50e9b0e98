using static Repro.Scalars;
using static TorchSharp.torch;

namespace Repro.SparseAutoencoders;

/// <summary>
/// Matryoshka SAE (SPEC §4): nested prefixes [m/4, m/2, m] of one code; z is computed once and each prefix is
/// decoded with the later latents zeroed, so the first latents must reconstruct on their own.
/// </summary>
public sealed class MatryoshkaSparseAutoencoder : TiedSparseAutoencoder
{
    private readonly TiedSparseAutoencoder inner;

    /// <summary>Wraps a freshly initialised MF or NCF SAE (any number of members) with prefixes m/4, m/2, m.</summary>
    public MatryoshkaSparseAutoencoder(TiedSparseAutoencoder inner) : base(nameof(MatryoshkaSparseAutoencoder))
    {
        ArgumentNullException.ThrowIfNull(inner);
        int m = inner.Latents;
        ArgumentOutOfRangeException.ThrowIfLessThan(m, 4);
        this.inner = inner;
        Prefixes = [m / 4, m / 2, m];
        RegisterComponents();
    }

    /// <summary>Prefix sizes, ascending; the last is m.</summary>
    public IReadOnlyList<int> Prefixes { get; }

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
    public override Tensor EncodeAll(Tensor x) => inner.EncodeAll(x);

    /// <inheritdoc/>
    public override Tensor DecodeAll(Tensor z, Tensor original) => inner.DecodeAll(z, original);

    /// <summary>The embedding term summed over prefixes (SPEC §4): the full code's, plus each shorter prefix's, per member.</summary>
    public override Tensor EmbeddingTerm(Tensor userCodes, Tensor users, Tensor userHat, Tensor itemCodes, Tensor items, Tensor itemHat)
    {
        Tensor loss = base.EmbeddingTerm(userCodes, users, userHat, itemCodes, items, itemHat);
        foreach (int p in Prefixes.Where(p => p < Latents))
        {
            loss = loss.add(EmbeddingReconstructionLoss.PerMember(DecodePrefixAll(userCodes, users, p), users, DecodePrefixAll(itemCodes, items, p), items), One);
        }
        return loss;
    }

    /// <summary>A lone SAE's decode with only the first <paramref name="prefix"/> latents of z ([B, m]) kept.</summary>
    public Tensor DecodePrefix(Tensor z, Tensor original, int prefix)
    {
        ArgumentNullException.ThrowIfNull(z);
        return DecodePrefixAll(z.unsqueeze(0), original, prefix).squeeze(0);
    }

    /// <summary>One reconstruction per prefix, from a single code z: [B, n] each, in <see cref="Prefixes"/> order.</summary>
    public Tensor[] PrefixReconstructions(Tensor z, Tensor original) =>
        Prefixes.Select(p => DecodePrefix(z, original, p)).ToArray();

    // Every member's decode with only the first `prefix` latents of z ([S, B, m]) kept.
    private Tensor DecodePrefixAll(Tensor z, Tensor original, int prefix)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(prefix);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefix, Latents);
        if (prefix == Latents)
        {
            return inner.DecodeAll(z, original);
        }
        using var scope = NewDisposeScope();
        Tensor mask = cat([ones(prefix, dtype: z.dtype, device: z.device), zeros(Latents - prefix, dtype: z.dtype, device: z.device)]);
        return inner.DecodeAll(z * mask, original).MoveToOuterDisposeScope();
    }
}
