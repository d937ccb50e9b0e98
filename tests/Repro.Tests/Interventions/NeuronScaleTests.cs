using FluentAssertions;
using NUnit.Framework;
using Repro.Interventions;
using Repro.Presentation;

namespace Repro.Tests.Interventions;

/// <summary>The scale printed beside a dose-response grid: nearest-rank quantiles of the edited neuron's activations.</summary>
public class NeuronScaleTests
{
    /// <summary>Of 1..10, the median is the 5th value and the 95th percentile the 10th (ceil(0.95 × 10) = 10); of 1..20, the 19th.</summary>
    [Test]
    public void Quantiles_are_nearest_rank()
    {
        float[] ten = [.. Enumerable.Range(1, 10).Select(i => (float)i)];
        NeuronScale.Quantile(ten, 0.5).Should().Be(5);
        NeuronScale.Quantile(ten, 0.95).Should().Be(10);
        float[] twenty = [.. Enumerable.Range(1, 20).Select(i => (float)i)];
        NeuronScale.Quantile(twenty, 0.95).Should().Be(19);
        NeuronScale.Quantile([3f], 0.5).Should().Be(3);
    }

    /// <summary>The line names the neuron, what it was measured over, and both numbers.</summary>
    [Test]
    public void Description_reads_against_v()
    {
        new NeuronScale(13, "the 20 audience users", 0.42, 1.3).Describe()
            .Should().Be("Neuron 13's activation over the 20 audience users: median 0.42, 95th percentile 1.3 (v is absolute, on this scale).");
    }

    /// <summary>
    /// Every latent at once over a set of rows, as <see cref="NeuronScale.Measure"/> gives each: the plain SAE W = I on
    /// rows (1, 0, 3), (2, 0, 0), (0, 5, 1): latent 0 sorted (0, 1, 2) → median 1; latent 1 (0, 0, 5) → median 0, 95th
    /// percentile 5 (silent: most rows have it off); latent 2 (0, 1, 3) → 1. Active means a median above 0.
    /// </summary>
    [Test]
    public void Every_latent_is_measured_and_active_means_a_positive_median()
    {
        var model = new Repro.Tests.TestDoubles.DotTwoTower(new float[,] { { 1, 0, 3 }, { 2, 0, 0 }, { 0, 5, 1 }, { 9, 9, 9 } }, new float[,] { { 1, 1, 1 } });
        var iv = new LatentIntervention(model, new PlainTiedSae(Repro.Tests.TestDoubles.Matrices.Identity(3)));
        var all = NeuronScale.MeasureAll(iv, model.UserVectors, [0, 1, 2], "three users");
        all.Select(s => (s.Median, s.P95)).Should().Equal((1, 2), (0, 5), (1, 3));
        all.Select(s => s.IsActive).Should().Equal(true, false, true);
        for (int j = 0; j < 3; j++)
        {
            all[j].Should().Be(NeuronScale.Measure(iv, model.UserVectors, [0, 1, 2], j, "three users"));
        }
        NeuronScale.MeasureAll(iv, model.UserVectors, [], "nobody").Should().OnlyContain(s => double.IsNaN(s.Median) && !s.IsActive);
    }
}
