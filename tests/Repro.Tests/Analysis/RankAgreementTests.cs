using FluentAssertions;
using NUnit.Framework;
using Repro.Analysis;
using Repro.Recommenders;

namespace Repro.Tests.Analysis;

/// <summary>RBO (truncated and extrapolated) and Kendall τ-b against the SPEC's golden values and hand-built lists.</summary>
public class RankAgreementTests
{
    private static readonly int[] Ten = Enumerable.Range(1, 10).ToArray();
    private static readonly int[] TenSwapped = [2, 1, 3, 4, 5, 6, 7, 8, 9, 10];

    /// <summary>Identical 10-item lists, p = 0.9: truncated 1 − 0.9¹⁰ = 0.6513, extrapolated 1.</summary>
    [Test]
    public void Identical_lists_score_golden_values()
    {
        RankBiasedOverlap.Truncated(Ten, Ten, 0.9).Should().BeApproximately(1 - Math.Pow(0.9, 10), 1e-12).And.BeApproximately(0.6513, 5e-5);
        RankBiasedOverlap.Extrapolated(Ten, Ten, 0.9).Should().BeApproximately(1.0, 1e-12);
        KendallTau.TauB(Ten, Ten).Should().Be(1.0);
    }

    /// <summary>Swapping the top two loses exactly the depth-1 term: 0.5513 truncated, 0.9 extrapolated, τ-b 43/45.</summary>
    [Test]
    public void Top_two_swapped_score_golden_values()
    {
        // X_1 = 0 instead of 1: the (1−p)·p⁰·1/1 = 0.1 term is lost in both forms.
        RankBiasedOverlap.Truncated(Ten, TenSwapped, 0.9).Should().BeApproximately(0.5513, 5e-5);
        RankBiasedOverlap.Extrapolated(Ten, TenSwapped, 0.9).Should().BeApproximately(0.9, 1e-12);
        // 45 pairs, one discordant: (44 − 1)/45 = 0.955556
        KendallTau.TauB(Ten, TenSwapped).Should().BeApproximately(0.95556, 5e-6);
    }

    /// <summary>A list that is a prefix of the other: truncated counts depth 3 with X = 1, 2, 2; RBO_ext is 1.</summary>
    [Test]
    public void Prefix_list_of_unequal_length()
    {
        int[] a = [1, 2, 3];
        int[] b = [1, 2];
        // truncated, D = 3: 0.1·(1·1/1 + 0.9·2/2 + 0.81·2/3) = 0.1·2.44 = 0.244
        RankBiasedOverlap.Truncated(a, b, 0.9).Should().BeApproximately(0.244, 1e-12);
        // eq. 32, s = 2, l = 3, X = 1, 2, 2: (0.1/0.9)·[0.9 + 0.81 + (2/3)·0.729 + 2·(1/6)·0.729] + [0 + 2/2]·0.729
        //   = (1/9)·2.439 + 0.729 = 0.271 + 0.729 = 1
        RankBiasedOverlap.Extrapolated(a, b, 0.9).Should().BeApproximately(1.0, 1e-12);
        RankBiasedOverlap.Extrapolated(b, a, 0.9).Should().BeApproximately(1.0, 1e-12);
        // ranks: a 1,2,3; b 1,2,3 (3 missing → len+1 = 3): all 3 pairs concordant
        KendallTau.TauB(a, b).Should().BeApproximately(1.0, 1e-12);
    }

    /// <summary>Unequal lengths with a swap: τ-b (2 − 1)/3.</summary>
    [Test]
    public void Unequal_lengths_with_a_swap()
    {
        int[] a = [1, 2, 3];
        int[] b = [2, 1];
        // b ranks: 2→1, 1→2, 3→3. (1,2) discordant, (1,3) and (2,3) concordant, no ties → 1/3
        KendallTau.TauB(a, b).Should().BeApproximately(1.0 / 3, 1e-12);
        // truncated: X = 0, 2, 2 → 0.1·(0 + 0.9·1 + 0.81·2/3) = 0.1·1.44 = 0.144
        RankBiasedOverlap.Truncated(a, b, 0.9).Should().BeApproximately(0.144, 1e-12);
    }

    /// <summary>Disjoint lists: RBO 0 in both forms, τ-b −0.8 with the missing-item ties.</summary>
    [Test]
    public void Disjoint_lists()
    {
        int[] a = [1, 2];
        int[] b = [3, 4];
        RankBiasedOverlap.Truncated(a, b, 0.9).Should().Be(0);
        RankBiasedOverlap.Extrapolated(a, b, 0.9).Should().Be(0);
        // ranks a: 1,2,3,3; b: 3,3,1,2 over items 1..4. (1,2) tied in b, (3,4) tied in a, the other 4 discordant.
        // τ-b = (0 − 4)/√((6 − 1)(6 − 1)) = −0.8
        KendallTau.TauB(a, b).Should().BeApproximately(-0.8, 1e-12);
    }

    /// <summary>A repeated item is an error, not a silent miscount.</summary>
    [Test]
    public void Repeated_items_are_rejected()
    {
        var act = () => RankBiasedOverlap.Truncated(new[] { 1, 1 }, new[] { 1, 2 });
        act.Should().Throw<ArgumentException>();
        var tau = () => KendallTau.TauB(new[] { 1, 2 }, new[] { 3, 3 });
        tau.Should().Throw<ArgumentException>();
    }

    /// <summary>The top-K helper skips excluded items and breaks ties to the lower index.</summary>
    [Test]
    public void Top_items_skip_exclusions_and_break_ties_low()
    {
        float[] scores = [0.5f, 0.9f, 0.9f, 0.1f, 0.7f];
        Ranking.TopK(scores, 3, []).Should().Equal(1, 2, 4);
        Ranking.TopK(scores, 3, [1]).Should().Equal(2, 4, 0);
    }
}
