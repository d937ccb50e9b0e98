using FluentAssertions;
using NUnit.Framework;
using Repro.SparseAutoencoders;
using Repro.Tests.TestDoubles;
using static TorchSharp.torch;

namespace Repro.Tests.SparseAutoencoders;

/// <summary>Each SAE loss term against hand-computed values, and zero where it should be.</summary>
public class SaeLossTests
{
    private static Tensor T(float[] values, params long[] shape) => tensor(values).reshape(shape);

    /// <summary>Embedding loss is the mean squared error of users plus that of items.</summary>
    [Test]
    public void Embedding_loss_sums_user_and_item_mse()
    {
        // users: ((1−0)² + (2−0)²)/2 = 2.5; items: (3−1)²/1 = 4 → 6.5
        var loss = EmbeddingReconstructionLoss.Compute(T([1, 2], 1, 2), zeros(1, 2), T([3], 1, 1), T([1], 1, 1));
        loss.item<float>().Should().BeApproximately(6.5f, 1e-6f);
    }

    /// <summary>A perfect reconstruction has zero embedding loss.</summary>
    [Test]
    public void Embedding_loss_is_zero_for_perfect_reconstruction()
    {
        var u = T([1, 2, 3, 4], 2, 2);
        var i = T([5, 6], 1, 2);
        EmbeddingReconstructionLoss.Compute(u, u, i, i).item<float>().Should().Be(0f);
    }

    /// <summary>L1 sparsity is the mean absolute activation.</summary>
    [Test]
    public void L1_is_mean_absolute_activation()
    {
        // (|1| + |−2| + |0| + |3|)/4 = 1.5
        L1Sparsity.Compute(T([1, -2, 0, 3], 2, 2)).item<float>().Should().BeApproximately(1.5f, 1e-6f);
        L1Sparsity.Compute(zeros(3, 4)).item<float>().Should().Be(0f);
    }

    /// <summary>KL uses batch-mean activations clamped at 1e-6 and ε = 1e-6 inside the logs.</summary>
    [Test]
    public void Kl_matches_hand_computed_value_with_clamped_dead_latent()
    {
        // ρ̂ = [(0.1+0.3)/2, 0 → clamp 1e-6] = [0.2, 1e-6], ρ = 0.05
        // j=1: 0.05·ln(0.050001/0.200001) + 0.95·ln(0.950001/0.800001) = −0.0693142 + 0.1632578 = 0.0939436
        // j=2: 0.05·ln(0.050001/0.000002) + 0.95·ln(0.950001/0.999999) = 0.5063324 − 0.0487275 = 0.4576049
        var kl = KlSparsity.Compute(T([0.1f, 0, 0.3f, 0], 2, 2), 0.05);
        kl.item<float>().Should().BeApproximately(0.5515485f, 1e-5f);
    }

    /// <summary>KL is zero when every latent's mean activation equals ρ.</summary>
    [Test]
    public void Kl_is_zero_at_target_mean_activation()
    {
        // Column means are exactly 0.25 = ρ: both log ratios are ln 1.
        var kl = KlSparsity.Compute(T([0, 0.5f, 0.5f, 0], 2, 2), 0.25);
        kl.item<float>().Should().BeApproximately(0f, 1e-7f);
    }

    /// <summary>MF prediction loss is the logit MSE over the user × item block; per-id biases cancel.</summary>
    [Test]
    public void Block_prediction_loss_is_logit_mse_and_biases_cancel()
    {
        var u = T([1, 0, 0, 1], 2, 2);
        var uHat = T([1, 1, 0, 1], 2, 2);
        var i = T([2, 1], 1, 2);
        var uIdx = tensor(new long[] { 0, 1 });
        var iIdx = tensor(new long[] { 0 });
        // logits (no bias): original [2, 1], rebuilt [3, 1] → ((3−2)² + 0)/2 = 0.5, whatever the biases are.
        foreach (var (bu, bi) in new[] { (new float[] { 0, 0 }, new float[] { 0 }), (new float[] { 0.5f, -3 }, new float[] { -1 }) })
        {
            using var model = new DotTwoTower(u, i, tensor(bu), tensor(bi));
            PredictionLoss.Block(model, uIdx, u, uHat, iIdx, i, i).item<float>().Should().BeApproximately(0.5f, 1e-6f);
        }
    }

    /// <summary>NCF prediction loss is the MSE of sigmoid outputs over aligned pairs; BCE is available.</summary>
    [Test]
    public void Pair_prediction_loss_is_probability_mse_or_bce()
    {
        using var model = new DotTwoTower(T([1, 0], 1, 2), T([2, 1], 1, 2), zeros(1), zeros(1));
        var idx = tensor(new long[] { 0 });
        var u = T([1, 0], 1, 2);
        var i = T([2, 1], 1, 2);
        // original logit 2 → σ(2) = 0.8807971; rebuilt user 0 → logit 0 → 0.5; (0.3807971)² = 0.1450064
        PredictionLoss.Pairs(model, idx, u, zeros(1, 2), idx, i, i).item<float>().Should().BeApproximately(0.1450064f, 1e-6f);
        // BCE with p = 0.5: −[t ln 0.5 + (1−t) ln 0.5] = ln 2 for any soft label t
        PredictionLoss.Pairs(model, idx, u, zeros(1, 2), idx, i, i, bce: true).item<float>().Should().BeApproximately(0.6931472f, 1e-6f);
        PredictionLoss.Pairs(model, idx, u, u, idx, i, i).item<float>().Should().Be(0f);
    }

    /// <summary>The total is the λ-weighted sum of the four terms, and a zero weight drops its term.</summary>
    [Test]
    public void Total_is_weighted_sum_of_terms()
    {
        var s = new SaeSettings(2, EmbeddingWeight: 0.5, PredictionWeight: 2, L1Weight: 0.1, KlWeight: 0, Rho: 0.05, Steps: 1);
        var zU = T([1, 0], 1, 2);
        var zI = T([0, 3], 1, 2);
        var terms = SaeLoss.Combine(s, tensor(4f), tensor(3f), zU, zI);
        // L1 = mean|z_u| + mean|z_i| = 0.5 + 1.5 = 2; total = 0.5·4 + 2·3 + 0.1·2 + 0·KL = 8.2
        terms.L1.item<float>().Should().BeApproximately(2f, 1e-6f);
        terms.Total.item<float>().Should().BeApproximately(8.2f, 1e-5f);
        terms.Kl.item<float>().Should().BeGreaterThan(0f);
    }

    /// <summary>The presets carry the SPEC table's numbers.</summary>
    [Test]
    public void Presets_match_the_spec_table()
    {
        SaeSettings.Ml1mMf.Should().Match<SaeSettings>(s => s.Latents == 22 && s.EmbeddingWeight == 0.1 && s.PredictionWeight == 1 && s.L1Weight == 0 && s.KlWeight == 0.01 && s.Rho == 0.05 && s.Steps == 324);
        SaeSettings.Ml1mNcf.Should().Match<SaeSettings>(s => s.Latents == 22 && s.EmbeddingWeight == 2 && s.PredictionWeight == 10 && s.L1Weight == 0 && s.KlWeight == 0.07 && s.Rho == 0.05 && s.Steps == 5_950);
        SaeSettings.LastFmMf.Should().Match<SaeSettings>(s => s.Latents == 70 && s.EmbeddingWeight == 8 && s.PredictionWeight == 1 && s.L1Weight == 0.3 && s.KlWeight == 0.003 && s.Rho == 0.1 && s.Steps == 2_100);
        SaeSettings.LastFmNcf.Should().Match<SaeSettings>(s => s.Latents == 70 && s.EmbeddingWeight == 2.6 && s.PredictionWeight == 1 && s.L1Weight == 1.27e-5 && s.KlWeight == 0.7 && s.Rho == 0.05 && s.Steps == 2_100);
        SaeSettings.LastFmMfMatryoshka.Should().Match<SaeSettings>(s => s.Latents == 80 && s.Variant == SaeVariant.Matryoshka && s.EmbeddingWeight == 8 && s.PredictionWeight == 5 && s.L1Weight == 0.3 && s.KlWeight == 0.003 && s.Rho == 0.1 && s.Steps == 2_100);
        (SaeSettings.Ml1mMf with { PredictionWeight = 5 }).PredictionWeight.Should().Be(5);
        SaeSettings.Ml1mMf.LearningRate.Should().Be(1e-3);
        SaeSettings.Ml1mMf.UserBatch.Should().Be(256);
        SaeSettings.Ml1mMf.ItemBatch.Should().Be(256);
    }
}
