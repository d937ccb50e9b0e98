using FluentAssertions;
using NUnit.Framework;
using Repro.Analysis;
using static Repro.Tests.Analysis.AnalysisFixtures;

namespace Repro.Tests.Analysis;

/// <summary>Unit tests of <see cref="Repro.Analysis.MonosemanticityScore"/> against hand-computed values.</summary>
public class MonosemanticityScoreTests
{
    // Embeddings: e0 = (1,0), e1 = (2,0), e2 = (0,1), e3 = (3,4).
    // Cosines: s01 = 1, s02 = 0, s03 = 0.6, s12 = 0, s13 = 0.6, s23 = 0.8.
    private static readonly float[,] Embeddings = { { 1, 0 }, { 2, 0 }, { 0, 1 }, { 3, 4 } };

    /// <summary>MS is the r_a·r_b-weighted mean cosine of the top items' original embeddings, after min-max scaling.</summary>
    [Test]
    public void Score_is_the_activation_weighted_mean_cosine_of_the_top_items()
    {
        var acts = FromColumns(
            // min 0, max 2 → r = 1, 0.5, 0, 0; top3 = {0,1,2}. Only pair (0,1) has weight: 0.5·1 / 0.5 = 1.
            [2f, 1f, 0f, 0f],
            // min 0, max 3 → r2 = 1, r3 = 2/3, r0 = 1/3; top3 = {2,3,0}.
            // num = (2/3)(0.8) + (1/3)(0) + (2/9)(0.6) = 8/15 + 2/15 = 2/3; den = 2/3 + 1/3 + 2/9 = 11/9 → 6/11.
            [1f, 0f, 3f, 2f]);
        var r = MonosemanticityScore.Compute(acts, Embeddings, topN: 3);
        r.PerNeuron[0].Should().BeApproximately(1.0, 1e-12);
        r.PerNeuron[1].Should().BeApproximately(6.0 / 11, 1e-12);
        r.Mean.Should().BeApproximately((1 + 6.0 / 11) / 2, 1e-12); // 17/22
        r.Excluded.Should().Be(0);
    }

    /// <summary>A dead (constant) neuron and a neuron with a single non-zero top item are left out of the mean and counted.</summary>
    [Test]
    public void Dead_and_single_item_neurons_are_excluded_from_the_mean()
    {
        var acts = FromColumns(
            [2f, 1f, 0f, 0f],          // MS 1 (as above)
            [0.5f, 0.5f, 0.5f, 0.5f],  // constant: min-max undefined
            [0f, 0f, 0f, 1f]);         // r = 0,0,0,1: every pair has weight 0 → 0/0
        var r = MonosemanticityScore.Compute(acts, Embeddings, topN: 3);
        r.PerNeuron[1].Should().Be(double.NaN);
        r.PerNeuron[2].Should().Be(double.NaN);
        r.Mean.Should().BeApproximately(1.0, 1e-12);
        r.Excluded.Should().Be(2);
    }

    /// <summary>Min-max scaling makes the score invariant to a positive affine change of a neuron's activations.</summary>
    [Test]
    public void Score_ignores_scale_and_shift_of_activations()
    {
        var a = MonosemanticityScore.Compute(FromColumns([1f, 0f, 3f, 2f]), Embeddings, topN: 3);
        var b = MonosemanticityScore.Compute(FromColumns([7f, 5f, 11f, 9f]), Embeddings, topN: 3); // 2z + 5
        b.Mean.Should().BeApproximately(a.Mean, 1e-12);
    }
}
