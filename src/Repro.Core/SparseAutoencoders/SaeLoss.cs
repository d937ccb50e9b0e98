using static Repro.Scalars;
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
/// One instance per training holds the Scalars of its weights and ρ, and frees them with the training.
/// </summary>
public sealed class SaeLoss : IDisposable
{
    private readonly KeptScalars _kept = new();
    private readonly KlSparsity _kl;
    private readonly TorchSharp.Scalar? _embedding, _prediction, _l1, _klWeight;

    /// <summary>The objective of <paramref name="settings"/> (its four weights and ρ).</summary>
    public SaeLoss(SaeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        _kl = new KlSparsity(settings.Rho);
        // A zero-weighted term is left out of the sum rather than multiplied by 0, so a non-finite value in a term
        // the settings switch off cannot poison the total.
        _embedding = settings.EmbeddingWeight != 0 ? _kept.Of(settings.EmbeddingWeight) : null;
        _prediction = settings.PredictionWeight != 0 ? _kept.Of(settings.PredictionWeight) : null;
        _l1 = settings.L1Weight != 0 ? _kept.Of(settings.L1Weight) : null;
        _klWeight = settings.KlWeight != 0 ? _kept.Of(settings.KlWeight) : null;
    }

    /// <summary>The settings whose weights this objective applies.</summary>
    public SaeSettings Settings { get; }

    /// <summary>Combines precomputed embedding and prediction terms with the sparsity terms of the codes.</summary>
    public SaeLossTerms Combine(Tensor embedding, Tensor prediction, Tensor userCodes, Tensor itemCodes)
    {
        ArgumentNullException.ThrowIfNull(embedding);
        ArgumentNullException.ThrowIfNull(prediction);
        Tensor l1 = L1Sparsity.Compute(userCodes).add(L1Sparsity.Compute(itemCodes), One);
        Tensor kl = _kl.Compute(userCodes).add(_kl.Compute(itemCodes), One);
        Tensor total = zeros([], dtype: embedding.dtype, device: embedding.device);
        total = Weighted(total, _embedding, embedding);
        total = Weighted(total, _prediction, prediction);
        total = Weighted(total, _l1, l1);
        total = Weighted(total, _klWeight, kl);
        return new SaeLossTerms(total, embedding, prediction, l1, kl);
    }

    /// <summary>One step's terms under <paramref name="settings"/>, with the objective made and freed around the call (tests).</summary>
    public static SaeLossTerms Combine(SaeSettings settings, Tensor embedding, Tensor prediction, Tensor userCodes, Tensor itemCodes)
    {
        using var loss = new SaeLoss(settings);
        return loss.Combine(embedding, prediction, userCodes, itemCodes);
    }

    // total + w·term, as two ops (the product, then the sum) so the result is the one a plain `total + w * term` gives.
    private static Tensor Weighted(Tensor total, TorchSharp.Scalar? weight, Tensor term) =>
        weight is null ? total : total.add(term.mul(weight), One);

    /// <summary>Frees the Scalars.</summary>
    public void Dispose()
    {
        _kl.Dispose();
        _kept.Dispose();
    }
}
