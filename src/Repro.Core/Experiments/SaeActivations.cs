using Repro.Analysis;
using Repro.Recommenders;
using Repro.SparseAutoencoders;
using static TorchSharp.torch;

namespace Repro.Experiments;

/// <summary>SAE codes and embeddings as plain matrices, the form the (torch-free) analyses take.</summary>
public static class SaeActivations
{
    /// <summary>[items, m] codes of the recommender's item vectors.</summary>
    public static float[,] Items(ISparseAutoencoder sae, ITwoTower model)
    {
        ArgumentNullException.ThrowIfNull(sae);
        ArgumentNullException.ThrowIfNull(model);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        return Matrix(sae.Encode(model.ItemVectors));
    }

    /// <summary>A 2-D tensor copied into a [rows, cols] array.</summary>
    public static float[,] Matrix(Tensor t)
    {
        ArgumentNullException.ThrowIfNull(t);
        using var scope = NewDisposeScope();
        Tensor cpu = t.detach().to(ScalarType.Float32).cpu().contiguous();
        return ActivationRanking.FromRowMajor(cpu.data<float>().ToArray(), (int)cpu.shape[0], (int)cpu.shape[1]);
    }
}
