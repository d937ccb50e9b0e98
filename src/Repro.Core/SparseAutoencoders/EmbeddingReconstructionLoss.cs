using static Repro.Scalars;
using static TorchSharp.torch;

namespace Repro.SparseAutoencoders;

/// <summary>Embedding-level reconstruction term of the SAE loss (SPEC §4): <c>MSE(û,u) + MSE(î,i)</c>.</summary>
public static class EmbeddingReconstructionLoss
{
    /// <summary>Mean squared error over all entries of the users' block plus that of the items' block.</summary>
    public static Tensor Compute(Tensor userHat, Tensor users, Tensor itemHat, Tensor items)
    {
        using var scope = NewDisposeScope();
        return nn.functional.mse_loss(userHat, users).add(nn.functional.mse_loss(itemHat, items), One).MoveToOuterDisposeScope();
    }

    /// <summary>The term of every member of a stacked SAE: reconstructions [S, B, n] against the shared originals [B, n] → [S].</summary>
    public static Tensor PerMember(Tensor userHats, Tensor users, Tensor itemHats, Tensor items)
    {
        ArgumentNullException.ThrowIfNull(userHats);
        ArgumentNullException.ThrowIfNull(itemHats);
        return Members.Stack(userHats, s => Compute(userHats[s], users, itemHats[s], items));
    }
}

/// <summary>Per-member forms of the loss terms: each member's term is the term of a lone SAE, computed by the same code.</summary>
internal static class Members
{
    /// <summary>One scalar term per member (the leading dimension of <paramref name="stacked"/>), stacked into [S].</summary>
    public static Tensor Stack(Tensor stacked, Func<long, Tensor> term)
    {
        using var scope = NewDisposeScope();
        long count = stacked.shape[0];
        var terms = new Tensor[count];
        for (long s = 0; s < count; s++)
        {
            terms[s] = term(s);
        }
        return stack(terms).MoveToOuterDisposeScope();
    }
}
