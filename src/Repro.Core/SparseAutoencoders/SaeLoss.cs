using static TorchSharp.torch;

namespace Repro.SparseAutoencoders;

/// <summary>The terms of one step's loss; <see cref="Total"/> carries the graph, the others are for reporting.</summary>
/// <param name="Total">Weighted sum (scalar, with graph).</param>
/// <param name="Embedding">MSE(û,u)+MSE(î,i) (summed over prefixes for Matryoshka).</param>
/// <param name="Prediction">L_pred.</param>
/// <param name="L1">mean|z_u| + mean|z_i|.</param>
/// <param name="Kl">KL(z_u) + KL(z_i).</param>
public sealed record SaeLossTerms(Tensor Total, Tensor Embedding, Tensor Prediction, Tensor L1, Tensor Kl);

/// <summary>
/// The SAE objective (SPEC §4):
/// <c>L = λ_emb·[MSE(û,u)+MSE(î,i)] + λ_pred·L_pred + λ_L1·[mean|z_u|+mean|z_i|] + λ_KL·[KL(z_u)+KL(z_i)]</c>.
/// </summary>
public static class SaeLoss
{
    /// <summary>Combines precomputed embedding and prediction terms with the sparsity terms of the codes.</summary>
    public static SaeLossTerms Combine(SaeSettings settings, Tensor embedding, Tensor prediction, Tensor userCodes, Tensor itemCodes)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(embedding);
        ArgumentNullException.ThrowIfNull(prediction);
        Tensor l1 = L1Sparsity.Compute(userCodes) + L1Sparsity.Compute(itemCodes);
        Tensor kl = KlSparsity.Compute(userCodes, settings.Rho) + KlSparsity.Compute(itemCodes, settings.Rho);
        // A zero-weighted term is left out of the sum rather than multiplied by 0, so a non-finite value in a term
        // the settings switch off cannot poison the total.
        Tensor total = zeros([], dtype: embedding.dtype, device: embedding.device);
        if (settings.EmbeddingWeight != 0)
        {
            total = total + settings.EmbeddingWeight * embedding;
        }
        if (settings.PredictionWeight != 0)
        {
            total = total + settings.PredictionWeight * prediction;
        }
        if (settings.L1Weight != 0)
        {
            total = total + settings.L1Weight * l1;
        }
        if (settings.KlWeight != 0)
        {
            total = total + settings.KlWeight * kl;
        }
        return new SaeLossTerms(total, embedding, prediction, l1, kl);
    }
}
