using FluentAssertions;
using NUnit.Framework;
using Repro.Analysis;
using static Repro.Tests.Analysis.AnalysisFixtures;

namespace Repro.Tests.Analysis;

/// <summary>Unit tests of <see cref="Repro.Analysis.EraNeurons"/> against hand-computed values.</summary>
public class EraNeuronsTests
{
    /// <summary>Decade shares are counted over each neuron's top K (items without a year in the denominator), and the golden-age neuron has the largest pre-1970 share.</summary>
    [Test]
    public void Golden_age_neuron_has_the_largest_pre_1970_share()
    {
        // Items 0-3 <=1969, 4-5 1970s, 6-8 1990s, 9 no year.
        var decades = Table("decade", ["<=1969", "1970s", "1990s"], [0], [0], [0], [0], [1], [1], [2], [2], [2], []);
        var acts = FromColumns(
            [1f, 1f, 1f, 0f, 0f, 0f, 0f, 0f, 0f, 1f],   // top4 {0,1,2,9}: 3 of 4 pre-1970 → 0.75, none else
            [0f, 0f, 0f, 0f, 0f, 0f, 3f, 2f, 1f, 4f],   // top4 {9,6,7,8}: 1990s 3/4
            [2f, 0f, 0f, 4f, 3f, 2.5f, 0f, 0f, 0f, 0f]); // top4 {3,4,5,0}: pre-1970 2/4, 1970s 2/4

        var era = EraNeurons.Compute(acts, decades, k: 4);

        era.CatalogueShares.Should().Equal(0.4, 0.2, 0.3); // 4/10, 2/10, 3/10
        era.NeuronShares[0, 0].Should().Be(0.75);
        era.NeuronShares[1, 2].Should().Be(0.75);
        era.NeuronShares[2, 0].Should().Be(0.5);
        era.NeuronShares[2, 1].Should().Be(0.5);
        era.GoldenAgeNeuron.Should().Be(0);
        era.GoldenAgeShare.Should().Be(0.75);
    }

    /// <summary>A decade table without a pre-1970 bucket is rejected, naming its buckets.</summary>
    [Test]
    public void Missing_pre_1970_bucket_is_rejected()
    {
        var decades = Table("decade", ["1970s", "1990s"], [0], [1]);
        var act = () => EraNeurons.Compute(new float[2, 1], decades);
        act.Should().Throw<ArgumentException>().WithMessage("*1970s, 1990s*");
    }
}
