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
}
