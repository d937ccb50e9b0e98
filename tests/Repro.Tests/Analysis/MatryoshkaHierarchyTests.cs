using FluentAssertions;
using NUnit.Framework;
using Repro.Analysis;
using Repro.Data;
using static Repro.Tests.Analysis.AnalysisFixtures;

namespace Repro.Tests.Analysis;

/// <summary>Unit tests of <see cref="Repro.Analysis.MatryoshkaHierarchy"/> against hand-computed values.</summary>
public class MatryoshkaHierarchyTests
{
    // Items: 0{A} 1{B} 2{A} 3{B} 4{A,B} 5{}; popularity rank = item index.
    private static readonly ConceptTable Concepts = Table("genre", ["A", "B"], [0], [1], [0], [1], [0, 1], []);
    private static readonly int[] Ranks = [0, 1, 2, 3, 4, 5];

    // m = 4 → prefixes 1, 2, 4 → bands [0,1), [1,2), [2,4).
    private static readonly float[,] Acts = FromColumns(
        [5f, 4f, 3f, 2f, 1f, 0f],  // freq 5/6; top2 {0,1}: rank mean 0.5; A1 B1 → 1 bit
        [0f, 0f, 1f, 0f, 2f, 0f],  // freq 2/6; top2 {4,2}: rank mean 3;   A2 B1 → 0.9183 bits
        [0f, 0f, 0f, 0f, 0f, 0f],  // dead: freq 0, skipped for rank and entropy
        [0f, 0f, 2f, 0f, 1f, 3f]); // freq 3/6; top2 {5,2}: rank mean 3.5; A1 → 0 bits

    /// <summary>Each band reports the mean activation frequency, top-K popularity rank and concept entropy of its neurons, and carries the supplied prefix FVU.</summary>
    [Test]
    public void Bands_report_density_popularity_and_entropy()
    {
        var r = MatryoshkaHierarchy.Compute(Acts, Ranks, Concepts, popularityK: 2, prefixFvu: [0.5, 0.3, 0.1]);
        r.Bands.Select(b => (b.Start, b.End)).Should().Equal((0, 1), (1, 2), (2, 4));
        r.First.ActivationFrequency.Should().BeApproximately(5.0 / 6, 1e-12);
        r.First.MeanPopularityRank.Should().Be(0.5);
        r.First.ConceptEntropyBits.Should().BeApproximately(1.0, 1e-12);
        r.Bands[1].ConceptEntropyBits.Should().BeApproximately(-(2.0 / 3 * Math.Log2(2.0 / 3) + 1.0 / 3 * Math.Log2(1.0 / 3)), 1e-12); // 0.9183
        r.Last.ActivationFrequency.Should().BeApproximately(0.25, 1e-12); // (0 + 3/6) / 2
        r.Last.MeanPopularityRank.Should().Be(3.5);                       // live neuron 3 only
        r.Last.ConceptEntropyBits.Should().Be(0);
        r.Bands.Select(b => b.PrefixFvu).Should().Equal(0.5, 0.3, 0.1);
    }

    /// <summary>The band table has a prefix FVU column only when the FVU was supplied: the plain control's table leaves it out instead of printing NaN.</summary>
    [Test]
    public void Band_table_prints_prefix_fvu_only_when_measured()
    {
        string matryoshka = Repro.Presentation.HierarchyTables.ToMarkdown(MatryoshkaHierarchy.Compute(Acts, Ranks, Concepts, popularityK: 2, prefixFvu: [0.5, 0.3, 0.1]));
        matryoshka.Split('\n')[0].Should().EndWith("| prefix FVU |");
        matryoshka.Should().Contain("| 0.1 |").And.EndWith("Tolerances: prefix FVU ±0.02\n");
        string control = Repro.Presentation.HierarchyTables.ToMarkdown(MatryoshkaHierarchy.Compute(Acts, Ranks, Concepts, popularityK: 2));
        control.Should().NotContain("FVU");
        control.Split('\n')[0].Split('|').Length.Should().Be(matryoshka.Split('\n')[0].Split('|').Length - 1);
    }

    /// <summary>The entropy histogram counts every concept of every top item: {0,1,4} gives A2 B2 → 1 bit.</summary>
    [Test]
    public void Entropy_counts_each_concept_of_each_item()
    {
        MatryoshkaHierarchy.ConceptEntropyBits([0, 1, 4], Concepts).Should().BeApproximately(1.0, 1e-12);
        MatryoshkaHierarchy.ConceptEntropyBits([5], Concepts).Should().Be(0);
    }

    /// <summary>
    /// With raw tags, each band carries the median base rate and purity@20 of its neurons' best tag: neuron 0's top 20
    /// (all six items) has A on 3 and B on 3 — a tie broken to the rarer tag; see <see cref="TagSpecificityTests"/>.
    /// </summary>
    [Test]
    public void Bands_carry_the_median_best_tag()
    {
        var r = MatryoshkaHierarchy.Compute(Acts, Ranks, Concepts, popularityK: 2, rawTags: Concepts);
        r.TagKind.Should().Be("genre");
        r.Neurons.Should().HaveCount(4);
        r.Neurons[2].Tag.Should().Be("-"); // dead
        r.Last.MedianTagBaseRate.Should().Be(r.Neurons[3].BaseRate); // the dead neuron is left out of the median
    }
}
