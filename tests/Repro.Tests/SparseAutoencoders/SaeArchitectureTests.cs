using FluentAssertions;
using NUnit.Framework;
using Repro.SparseAutoencoders;
using static TorchSharp.torch;
using Repro.Recommenders;

namespace Repro.Tests.SparseAutoencoders;

/// <summary>Encode/decode of every SAE variant against hand-computed values on tiny tensors.</summary>
public class SaeArchitectureTests
{
    internal static void Set(Tensor parameter, float[] values, params long[] shape)
    {
        using var g = no_grad();
        parameter.copy_(tensor(values).reshape(shape));
    }

    private static float[] Row(Tensor t) => t.detach().reshape(-1).data<float>().ToArray();

    /// <summary>The MF variant normalises each vector by its own μ and unbiased σ and de-normalises with them.</summary>
    [Test]
    public void Mf_variant_normalises_per_vector_and_denormalises_with_the_originals_moments()
    {
        using var sae = new MfSparseAutoencoder(2, 3, seed: 1);
        Set(sae.Weight, [1, 0, 0, 1, 1, 1], 3, 2);
        Set(sae.PreBias, [0.1f, -0.1f], 2);
        Set(sae.LatentBias, [0, 0.5f, -0.2f], 3);
        var x = tensor(new float[] { 1, 3 }).reshape(1, 2);
        // μ = 2, σ = √2 (unbiased, n−1 = 1); x̃ = ±1/(√2 + 1e-5) = ±0.7071018; x̃ − b_pre = [−0.8071018, 0.8071018]
        // W(x̃ − b_pre) + b_lat = [−0.8071018, 1.3071018, 0 − 0.2] → z = [0, 1.3071018, 0]
        var z = sae.Encode(x);
        Row(z).Should().BeEquivalentTo(new[] { 0f, 1.3071018f, 0f }, o => o.Using<float>(c => c.Subject.Should().BeApproximately(c.Expectation, 1e-5f)).WhenTypeIs<float>());
        // Wᵀz + b_pre = [0.1, 1.2071018]; ·√2 + 2 = [2.1414214, 3.7070997]
        var xHat = sae.Decode(z, x);
        Row(xHat)[0].Should().BeApproximately(2.1414214f, 1e-5f);
        Row(xHat)[1].Should().BeApproximately(3.7070997f, 1e-5f);
        Row(sae.forward(x)).Should().Equal(Row(xHat));
    }

    /// <summary>The NCF variant is z = ReLU(Wx + b), x̂ = Wᵀz with no decoder bias.</summary>
    [Test]
    public void Ncf_variant_is_relu_of_affine_code_and_tied_linear_decoder()
    {
        using var sae = new NcfSparseAutoencoder(2, 2, seed: 1);
        Set(sae.Weight, [1, -1, 0.5f, 0.5f], 2, 2);
        Set(sae.Bias, [0, -1], 2);
        var x = tensor(new float[] { 2, 1 }).reshape(1, 2);
        // Wx = [1, 1.5]; + b = [1, 0.5] → z = [1, 0.5]; Wᵀz = [1·1 + 0.5·0.5, −1·1 + 0.5·0.5] = [1.25, −0.75]
        Row(sae.Encode(x)).Should().Equal(1f, 0.5f);
        Row(sae.forward(x)).Should().Equal(1.25f, -0.75f);
    }

    /// <summary>Top-K keeps the k largest pre-activations and still zeroes a kept negative one.</summary>
    [Test]
    public void TopK_keeps_the_k_largest_pre_activations()
    {
        var inner = new NcfSparseAutoencoder(3, 3, seed: 1);
        using var sae = new TopKSparseAutoencoder(inner, 2);
        Set(sae.Weight, [1, 0, 0, 0, 1, 0, 0, 0, 1], 3, 3);
        // W = I, b = 0: pre = x. [3, −1, 2] keeps 3 and 2; [3, −1, −2] keeps 3 and −1, and ReLU zeroes −1.
        Row(sae.Encode(tensor(new float[] { 3, -1, 2 }).reshape(1, 3))).Should().Equal(3f, 0f, 2f);
        Row(sae.Encode(tensor(new float[] { 3, -1, -2 }).reshape(1, 3))).Should().Equal(3f, 0f, 0f);
    }

    /// <summary>Matryoshka prefixes are m/4, m/2, m and each decodes with the later latents zeroed.</summary>
    [Test]
    public void Matryoshka_decodes_each_prefix_with_later_latents_zeroed()
    {
        var inner = new NcfSparseAutoencoder(2, 4, seed: 1);
        using var sae = new MatryoshkaSparseAutoencoder(inner);
        sae.Prefixes.Should().Equal(1, 2, 4);
        Set(sae.Weight, [1, 0, 0, 1, 1, 1, 2, 0], 4, 2);
        var z = tensor(new float[] { 1, 2, 3, 4 }).reshape(1, 4);
        var x = zeros(1, 2);
        var rebuilt = sae.PrefixReconstructions(z, x);
        // prefix 1: 1·[1,0] = [1,0]; prefix 2: + 2·[0,1] = [1,2]; all: + 3·[1,1] + 4·[2,0] = [12,5]
        Row(rebuilt[0]).Should().Equal(1f, 0f);
        Row(rebuilt[1]).Should().Equal(1f, 2f);
        Row(rebuilt[2]).Should().Equal(12f, 5f);
    }

    /// <summary>Initial weights depend on the seed alone and lie in Kaiming-uniform bounds ±1/√n.</summary>
    [Test]
    public void Initial_weights_are_seeded_and_bounded()
    {
        using var a = new MfSparseAutoencoder(20, 22, seed: 5);
        using var b = new MfSparseAutoencoder(20, 22, seed: 5);
        using var c = new MfSparseAutoencoder(20, 22, seed: 6);
        Row(a.Weight).Should().Equal(Row(b.Weight));
        Row(a.Weight).Should().NotEqual(Row(c.Weight));
        a.Weight.abs().max().item<float>().Should().BeLessThanOrEqualTo((float)(1 / Math.Sqrt(20)));
    }

    /// <summary>The factory picks the variant from the recommender kind and the settings.</summary>
    [Test]
    public void Factory_picks_variant_from_kind_and_settings()
    {
        using var mf = SparseAutoencoderFactory.Create(RecommenderKind.MF, 20, SaeSettings.Ml1mMf, 1);
        using var ncf = SparseAutoencoderFactory.Create(RecommenderKind.NCF, 20, SaeSettings.Ml1mNcf, 1);
        using var mat = SparseAutoencoderFactory.Create(RecommenderKind.MF, 100, SaeSettings.LastFmMfMatryoshka, 1);
        using var top = SparseAutoencoderFactory.Create(RecommenderKind.NCF, 20, SaeSettings.Ml1mNcf with { Variant = SaeVariant.TopK, TopK = 3 }, 1);
        mf.Should().BeOfType<MfSparseAutoencoder>();
        ncf.Should().BeOfType<NcfSparseAutoencoder>();
        mat.Should().BeOfType<MatryoshkaSparseAutoencoder>().Which.Prefixes.Should().Equal(20, 40, 80);
        top.Should().BeOfType<TopKSparseAutoencoder>().Which.Inner.Should().BeOfType<NcfSparseAutoencoder>();
        SaeSettings.Ml1mMf.Variant.Should().Be(SaeVariant.Plain);
        SaeSettings.LastFmMfMatryoshka.Variant.Should().Be(SaeVariant.Matryoshka);
        SaeSettings.Ml1mNcf.WithTopK(3).Variant.Should().Be(SaeVariant.TopK);
        var noK = () => (SaeSettings.Ml1mNcf with { Variant = SaeVariant.TopK }).Validate();
        noK.Should().Throw<ArgumentException>().WithMessage("*TopK = null; expected a k exactly when the variant is TopK*");
        var stray = () => (SaeSettings.Ml1mNcf with { TopK = 3 }).Validate();
        stray.Should().Throw<ArgumentException>().WithMessage("*TopK = 3; expected a k exactly when the variant is TopK*");
    }

    /// <summary>A saved SAE loads into a differently seeded one and then reconstructs identically.</summary>
    [Test]
    public void Saved_sae_loads_back_bit_identically()
    {
        string path = Path.Combine(Path.GetTempPath(), $"sae-{Guid.NewGuid():N}.bin");
        try
        {
            using var a = SparseAutoencoderFactory.Create(RecommenderKind.MF, 8, SaeSettings.Ml1mMf, 1);
            using var b = SparseAutoencoderFactory.Create(RecommenderKind.MF, 8, SaeSettings.Ml1mMf, 2);
            a.Save(path);
            b.Load(path);
            var x = randn(5, 8, generator: new TorchSharp.torch.Generator(3));
            Row(b.forward(x)).Should().Equal(Row(a.forward(x)));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
