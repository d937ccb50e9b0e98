using FluentAssertions;
using NUnit.Framework;
using Repro.Analysis;
using Repro.Data;
using Repro.Presentation;
using static Repro.Tests.Analysis.AnalysisFixtures;

namespace Repro.Tests.Analysis;

/// <summary>Unit tests of <see cref="Repro.Analysis.ConceptPurity"/> against hand-computed values.</summary>
public class ConceptPurityTests
{
    // Items: 0{A} 1{A,B} 2{B} 3{} 4{A} 5{B}.
    private static readonly ConceptTable Six = Table("genre", ["A", "B"], [0], [0, 1], [1], [], [0], [1]);

    /// <summary>Purity is the share of a neuron's top K carrying the concept, ranked by activation descending.</summary>
    [Test]
    public void Purity_is_the_concept_share_of_the_top_items()
    {
        // Neuron 0: 0.9, 0.1, 0, 0.5, 0.8, 0 → order 0, 4, 3, 1, 2, 5.
        var acts = FromColumns([0.9f, 0.1f, 0f, 0.5f, 0.8f, 0f]);
        int[] rank = ActivationRanking.Rank(acts, 0);
        rank.Should().Equal(0, 4, 3, 1, 2, 5);
        ConceptPurity.PurityAt(rank, Six, 0, 2).Should().Be(1.0);          // {0,4} both A: 2/2
        ConceptPurity.PurityAt(rank, Six, 0, 3).Should().Be(2.0 / 3);      // {0,4,3}: 2 of 3 carry A
        ConceptPurity.PurityAt(rank, Six, 1, 4).Should().Be(0.25);         // {0,4,3,1}: only item 1 carries B: 1/4
    }

    /// <summary>Equal activations are ordered by the lower item index, so a top-1 is deterministic.</summary>
    [Test]
    public void Ties_in_activation_go_to_the_lower_item_index()
    {
        // Items 1 and 2 tie at 0.7; item 1 (A and B) must come before item 2 (B only).
        var acts = FromColumns([0f, 0.7f, 0.7f, 0f, 0f, 0.2f]);
        ActivationRanking.Rank(acts, 0).Should().Equal(1, 2, 5, 0, 3, 4);
        ConceptPurity.PurityAt(ActivationRanking.Top(acts, 0, 1), Six, 0, 1).Should().Be(1.0); // item 1 carries A; item 2 would give 0
    }

    /// <summary>Each concept's neuron is the one with the highest purity@20 (ties to the lower index, dead neurons never chosen) and reports purity@10/20/50 and base rate.</summary>
    [Test]
    public void Each_concept_gets_the_neuron_with_the_highest_purity_at_20()
    {
        // 60 items. A = items 0..29, B = even items, C = nobody.
        var itemConcepts = Enumerable.Range(0, 60).Select(i => (i < 30 ? new[] { 0 } : []).Concat(i % 2 == 0 ? new[] { 1 } : []).ToArray()).ToArray();
        var table = Table("genre", ["A", "B", "C"], itemConcepts);
        float[] dead = new float[60];
        float[] byIndex = Enumerable.Range(0, 60).Select(i => 60f - i).ToArray();            // top K = items 0..K-1
        float[] evens = Enumerable.Range(0, 60).Select(i => i % 2 == 0 ? 100f - i : 0f).ToArray(); // evens 0..58, then odds 1,3,.. (tied at 0)
        var acts = FromColumns(dead, byIndex, evens, evens);

        var result = ConceptPurity.Compute(acts, table);

        // A: neuron 1 top20 = 0..19 all A → 1.0; neuron 2 top20 = evens 0..38, A only for 0..28 (15) → 0.75. Best: 1.
        //    neuron 1: p@10 = 10/10, p@50 = items 0..49 → 30 A / 50 = 0.6. Base rate 30/60 = 0.5.
        result.Row("A").Should().Be(new ConceptPurityRow(0, "A", 1, 1.0, 1.0, 0.6, 0.5));
        // B: neuron 1 top20 = 10 evens of 20 → 0.5; neurons 2 and 3 → 20/20 = 1.0, tie → lower index 2.
        //    neuron 2 p@50 = 30 evens + odds 1..39 (20) → 30/50 = 0.6. Base rate 0.5.
        result.Row("B").Should().Be(new ConceptPurityRow(1, "B", 2, 1.0, 1.0, 0.6, 0.5));
        // C: every live neuron scores 0; the dead neuron 0 must not win the tie, so neuron 1.
        result.Row("C").Should().Be(new ConceptPurityRow(2, "C", 1, 0.0, 0.0, 0.0, 0.0));
    }

    /// <summary>The purity table prints concept, neuron, the three purities with two decimals and the base rate.</summary>
    [Test]
    public void Purity_table_prints_two_decimals()
    {
        var result = new ConceptPurityResult("genre", [new ConceptPurityRow(0, "Horror", 7, 1.0, 0.95, 2.0 / 3, 0.0926)]);
        result.ToMarkdown().Should().Be(
            "| genre | best neuron | purity@10 | purity@20 | purity@50 | base rate |\n" +
            "|---|---|---|---|---|---|\n" +
            "| Horror | 7 | 1.00 | 0.95 | 0.67 | 0.093 |\n");
    }

    /// <summary>Row-major data (a tensor's flat buffer) becomes an [items, neurons] matrix row by row.</summary>
    [Test]
    public void Row_major_data_fills_rows_first()
    {
        var m = ActivationRanking.FromRowMajor([1f, 2f, 3f, 4f, 5f, 6f], 2, 3);
        m[0, 2].Should().Be(3f);
        m[1, 0].Should().Be(4f);
    }

    /// <summary>An activation matrix whose item count differs from the concept table is rejected, naming both sizes.</summary>
    [Test]
    public void Mismatched_item_counts_are_rejected()
    {
        var act = () => ConceptPurity.Compute(new float[5, 2], Six);
        act.Should().Throw<ArgumentException>().WithMessage("*5 items*6*");
    }
}
