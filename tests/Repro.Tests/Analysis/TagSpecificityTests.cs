using FluentAssertions;
using NUnit.Framework;
using Repro.Analysis;
using static Repro.Tests.Analysis.AnalysisFixtures;

namespace Repro.Tests.Analysis;

/// <summary>Unit tests of <see cref="TagSpecificity"/> against hand-computed values.</summary>
public class TagSpecificityTests
{
    // 40 items. Tags: rock (0) on items 0–29 (base rate 0.75); death_metal (1) on items 20–35 (0.4); jazz (2) on item 39 (0.025).
    private static readonly Repro.Data.ConceptTable Tags = Table("tag", ["rock", "death_metal", "jazz"],
        [.. Enumerable.Range(0, 40).Select(i => (int[])[.. (i < 30 ? new[] { 0 } : []), .. (i is >= 20 and < 36 ? new[] { 1 } : []), .. (i == 39 ? new[] { 2 } : [])])]);

    /// <summary>
    /// Neuron 0 ranks items 0–19 first: all rock (purity@20 1.0, base rate 0.75). Neuron 1 ranks items 20–39 first:
    /// death_metal on 16 (0.8), rock on 10 (0.5), jazz on 1: its best tag is death_metal, base rate 0.4, the more
    /// specific neuron. Neuron 2 is dead.
    /// </summary>
    [Test]
    public void Each_neuron_reads_its_best_tag_and_its_base_rate()
    {
        float[] first = [.. Enumerable.Range(0, 40).Select(i => i < 20 ? 40f - i : 0f)];
        float[] second = [.. Enumerable.Range(0, 40).Select(i => i >= 20 ? 1f + i : 0f)];
        var n = TagSpecificity.Compute(FromColumns(first, second, new float[40]), Tags);
        n[0].Should().Be(new NeuronSpecificity(0, "rock", 1.0, 0.75));
        n[1].Should().Be(new NeuronSpecificity(1, "death_metal", 0.8, 0.4));
        n[2].Tag.Should().Be("-");
        double.IsNaN(n[2].BaseRate).Should().BeTrue();
        TagSpecificity.Median(n.Select(x => x.BaseRate)).Should().BeApproximately(0.575, 1e-12); // (0.75 + 0.4) / 2, the dead one left out
    }

    /// <summary>
    /// A tie in purity@20 goes to the rarer tag: x on items 0–9 and 30–39 (base rate 0.5), y on items 10–19 (0.25); a
    /// neuron ranking items 0–19 first has each on 10 of its top 20 and names y.
    /// </summary>
    [Test]
    public void A_tie_goes_to_the_rarer_tag()
    {
        var tags = Table("tag", ["x", "y"], [.. Enumerable.Range(0, 40).Select(i => i < 10 || i >= 30 ? new[] { 0 } : i < 20 ? new[] { 1 } : [])]);
        float[] top = [.. Enumerable.Range(0, 40).Select(i => i < 20 ? 40f - i : 0f)];
        TagSpecificity.Compute(FromColumns(top), tags)[0].Should().Be(new NeuronSpecificity(0, "y", 0.5, 0.25));
        TagSpecificity.Median([]).Should().Be(double.NaN);
    }
}
