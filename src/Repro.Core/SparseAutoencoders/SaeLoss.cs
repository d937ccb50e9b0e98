using static Repro.Scalars;
using static TorchSharp.torch;

namespace Repro.SparseAutoencoders;

/// <summary>The four terms of every member of an SAE on one batch, each [S], as the SAE's objective computes them.</summary>
/// <param name="Embedding">MSE(û,u)+MSE(î,i) (summed over prefixes for Matryoshka).</param>
/// <param name="Prediction">L_pred.</param>
/// <param name="L1">mean|z_u| + mean|z_i|.</param>
/// <param name="Kl">KL(z_u) + KL(z_i).</param>
public sealed record SaeTerms(Tensor Embedding, Tensor Prediction, Tensor L1, Tensor Kl);

/// <summary>The terms of one step's loss with their weighted total, each [S]; <see cref="Total"/> carries the graph.</summary>
/// <param name="Total">Weighted sum per member (with graph).</param>
/// <param name="Embedding">MSE(û,u)+MSE(î,i) (summed over prefixes for Matryoshka).</param>
/// <param name="Prediction">L_pred.</param>
/// <param name="L1">mean|z_u| + mean|z_i|.</param>
/// <param name="Kl">KL(z_u) + KL(z_i).</param>
public sealed record SaeLossTerms(Tensor Total, Tensor Embedding, Tensor Prediction, Tensor L1, Tensor Kl);

/// <summary>
/// The SAE objective's weights (SPEC §4):
/// <c>L = λ_emb·[MSE(û,u)+MSE(î,i)] + λ_pred·L_pred + λ_L1·[mean|z_u|+mean|z_i|] + λ_KL·[KL(z_u)+KL(z_i)]</c>, one set per
/// member of an SAE (a λ_pred sweep's members differ only here), and the KL term's ρ they share. One instance per
/// training holds these as Scalars and frees them with the training.
/// </summary>
public sealed class SaeLoss : IDisposable
{
    private readonly KeptScalars _kept = new();
    private readonly TorchSharp.Scalar?[][] _weights;

    /// <summary>The objective of the members' settings (their four weights each, and the ρ they share).</summary>
    /// <exception cref="ArgumentException">No settings, or settings with different ρ.</exception>
    public SaeLoss(IReadOnlyList<SaeSettings> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (members.Count == 0 || members.Any(m => m.Rho != members[0].Rho))
        {
            throw new ArgumentException("An SAE's members share one ρ; give at least one member.", nameof(members));
        }
        Members = members;
        Kl = new KlSparsity(members[0].Rho);
        // A zero-weighted term is left out of a member's sum rather than multiplied by 0, so a non-finite value in a term
        // the settings switch off cannot poison the total.
        _weights = [.. members.Select(m => new[] { Weight(m.EmbeddingWeight), Weight(m.PredictionWeight), Weight(m.L1Weight), Weight(m.KlWeight) })];
    }

    /// <summary>The objective of one SAE's settings.</summary>
    public SaeLoss(SaeSettings settings)
        : this([settings ?? throw new ArgumentNullException(nameof(settings))])
    {
    }

    /// <summary>The members' settings, in order.</summary>
    public IReadOnlyList<SaeSettings> Members { get; }

    /// <summary>The KL term of the members' ρ.</summary>
    public KlSparsity Kl { get; }

    /// <summary>Weighs each member's terms: [S] totals, each member's sum built as a lone SAE's is (the weighted terms added in order to 0).</summary>
    public SaeLossTerms Combine(SaeTerms terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        using var scope = NewDisposeScope();
        Tensor[] parts = [terms.Embedding, terms.Prediction, terms.L1, terms.Kl];
        var totals = new Tensor[_weights.Length];
        for (int s = 0; s < _weights.Length; s++)
        {
            Tensor total = zeros([], dtype: terms.Embedding.dtype, device: terms.Embedding.device);
            for (int t = 0; t < parts.Length; t++)
            {
                if (_weights[s][t] is { } weight)
                {
                    total = total.add(parts[t][s].mul(weight), One);
                }
            }
            totals[s] = total;
        }
        return new SaeLossTerms(stack(totals).MoveToOuterDisposeScope(), terms.Embedding, terms.Prediction, terms.L1, terms.Kl);
    }

    /// <summary>One SAE's loss from precomputed embedding and prediction terms and its codes ([B, m]) (tests, one-off uses).</summary>
    public static SaeLossTerms Combine(SaeSettings settings, Tensor embedding, Tensor prediction, Tensor userCodes, Tensor itemCodes)
    {
        ArgumentNullException.ThrowIfNull(embedding);
        ArgumentNullException.ThrowIfNull(prediction);
        using var loss = new SaeLoss(settings);
        var terms = new SaeTerms(embedding.reshape(1), prediction.reshape(1),
            L1Sparsity.Compute(userCodes).add(L1Sparsity.Compute(itemCodes), One).reshape(1),
            loss.Kl.Compute(userCodes).add(loss.Kl.Compute(itemCodes), One).reshape(1));
        var combined = loss.Combine(terms);
        return new SaeLossTerms(combined.Total[0], combined.Embedding[0], combined.Prediction[0], combined.L1[0], combined.Kl[0]);
    }

    private TorchSharp.Scalar? Weight(double value) => value != 0 ? _kept.Of(value) : null;

    /// <summary>Frees the Scalars.</summary>
    public void Dispose()
    {
        Kl.Dispose();
        _kept.Dispose();
    }
}
