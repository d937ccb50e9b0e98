using FluentAssertions;
using NUnit.Framework;
using Repro.Recommenders;
using static TorchSharp.torch;

namespace Repro.Tests.Recommenders;

/// <summary>HR, NDCG and the top-K order against hand-computed cases.</summary>
public class RankingMetricTests
{
    /// <summary>Binary-gain NDCG@10 with hits at ranks 1 and 3 over 5 hidden positives matches the hand value.</summary>
    [Test]
    public void Ndcg_with_hits_at_ranks_one_and_three_matches_hand_value()
    {
        int[] ranked = [7, 1, 9, 2, 3, 4, 5, 6, 8, 0];
        int[] hidden = [7, 9, 20, 21, 22];
        // DCG = 1/log2(2) + 1/log2(4) = 1 + 0.5 = 1.5
        // IDCG over min(5, 10) = 5 hits = 1 + 0.630930 + 0.5 + 0.430677 + 0.386853 = 2.948459
        // NDCG = 1.5 / 2.948459 = 0.508740
        Ndcg.AtK(ranked, hidden, 10).Should().BeApproximately(0.508740, 1e-6);
        HitRate.AtK(ranked, hidden, 10).Should().Be(1);
    }

    /// <summary>A hit just beyond the cut-off counts for neither metric.</summary>
    [Test]
    public void Hit_beyond_the_cutoff_counts_for_nothing()
    {
        int[] ranked = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        int[] hidden = [10];
        HitRate.AtK(ranked, hidden, 10).Should().Be(0);
        Ndcg.AtK(ranked, hidden, 10).Should().Be(0);
        // With K = 11: DCG = 1/log2(12) = 0.278943, IDCG (one positive) = 1.
        Ndcg.AtK(ranked, hidden, 11).Should().BeApproximately(0.278943, 1e-6);
    }

    /// <summary>A single hidden positive at rank 2 gives NDCG 1/log2(3) = 0.630930.</summary>
    [Test]
    public void Single_positive_at_rank_two_scores_one_over_log2_three()
    {
        Ndcg.AtK([4, 2, 3], [2], 10).Should().BeApproximately(0.630930, 1e-6);
    }

    /// <summary>Top-K orders by score, breaks ties by the lower index and skips excluded items.</summary>
    [Test]
    public void TopK_orders_by_score_then_index_and_skips_exclusions()
    {
        float[] scores = [0.5f, 0.9f, 0.5f, 0.1f, 0.9f, 0.7f];
        Ranking.TopK(scores, 4).Should().Equal(1, 4, 5, 0);
        Ranking.TopK(scores, 4, [4, 0]).Should().Equal(1, 5, 2, 3);
        Ranking.TopK(scores, 10).Should().Equal(1, 4, 5, 0, 2, 3);
    }

    /// <summary>The tensor form gives each row its own exclusions.</summary>
    [Test]
    public void TopK_over_a_block_uses_per_row_exclusions()
    {
        using var logits = tensor(new float[] { 3, 2, 1, 0, 0, 1, 2, 3 }).reshape(2, 4);
        var top = Ranking.TopK(logits, 2, [[0], [3, 2]]);
        top[0].Should().Equal(1, 2);
        top[1].Should().Equal(1, 0);
    }

    /// <summary>The leave-one-out rank counts items scored higher, and ties with a lower index.</summary>
    [Test]
    public void Rank_among_candidates_counts_higher_scores_and_lower_index_ties()
    {
        float[] scores = [0.2f, 0.5f, 0.5f, 0.9f, 0.1f];
        // target 2 (0.5): ahead are 3 (0.9) and 1 (0.5, lower index) → rank 2.
        Ranking.RankAmong(scores, 2, [0, 1, 2, 3, 4]).Should().Be(2);
        Ranking.RankAmong(scores, 1, [0, 1, 2, 4]).Should().Be(0);
    }

    /// <summary>The rank an item would take at a new score counts every other item ahead of it under the same order.</summary>
    [Test]
    public void Rank_with_score_counts_other_items_ahead_of_the_new_score()
    {
        float[] scores = [0.2f, 0.5f, 0.5f, 0.9f, 0.1f];
        // item 2 at 0.5: ahead 3 (0.9) and 1 (0.5, lower index) → 2; item 0 at 0.5: only 3 → 1 (ties at higher index behind).
        Ranking.RankWithScore(scores, 2, 0.5f).Should().Be(2);
        Ranking.RankWithScore(scores, 0, 0.5f).Should().Be(1);
        // item 4 raised to 1.0: nothing ahead → 0; item 3 lowered to 0.0: the other four ahead → 4.
        Ranking.RankWithScore(scores, 4, 1.0f).Should().Be(0);
        Ranking.RankWithScore(scores, 3, 0.0f).Should().Be(4);
    }

    /// <summary>Empty requests give empty lists: no rows, or k = 0.</summary>
    [Test]
    public void TopK_of_no_rows_or_zero_k_is_empty()
    {
        using var none = zeros(0, 4);
        Ranking.TopK(none, 3).Should().BeEmpty();
        Ranking.TopK([0.3f, 0.1f], 0).Should().BeEmpty();
    }
}
