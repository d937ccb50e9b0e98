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
}
