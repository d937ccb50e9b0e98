using static TorchSharp.torch;

namespace Repro.SparseAutoencoders;

/// <summary>L1 sparsity term for one set of codes (SPEC §4): <c>mean |z|</c> over all entries.</summary>
public static class L1Sparsity
{
    /// <summary>Mean absolute activation of z, [B, m] → scalar.</summary>
    public static Tensor Compute(Tensor z)
    {
        ArgumentNullException.ThrowIfNull(z);
        return z.abs().mean();
    }

    /// <summary>The term of every member of a stacked SAE, codes [S, B, m] → [S].</summary>
    public static Tensor PerMember(Tensor z)
    {
        ArgumentNullException.ThrowIfNull(z);
        return Members.Stack(z, s => Compute(z[s]));
    }
}
