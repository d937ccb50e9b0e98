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

    /// <summary>The leave-one-out rank counts candidates scored higher, and ties with a lower index; padding repeats of the target count for nothing.</summary>
    [Test]
    public void Rank_among_candidates_counts_higher_scores_and_lower_index_ties()
    {
        // Candidates 0..4 scored 0.2, 0.5, 0.5, 0.9, 0.1.
        // target 2 (0.5): ahead are 3 (0.9) and 1 (0.5, lower index) → rank 2.
        Ranking.RankAmong([0.2f, 0.5f, 0.5f, 0.9f, 0.1f], [0, 1, 2, 3, 4], 2).Should().Be(2);
        // target 1 first, then 0, 2, 4 and two padding repeats of 1: nothing ahead → 0.
        Ranking.RankAmong([0.5f, 0.2f, 0.5f, 0.1f, 0.5f, 0.5f], [1, 0, 2, 4, 1, 1], 1).Should().Be(0);
    }

    /// <summary>
    /// The block form selects where the scores live yet gives the host's order on every row: ties across the cut,
    /// NaN and −∞ scores, exclusions, and rows with fewer candidates than k.
    /// </summary>
    [Test]
    public void TopK_over_a_block_equals_the_host_order_row_by_row()
    {
        var rng = new SeededRandom(7);
        const int Rows = 64, Items = 40, K = 5;
        var values = new float[Rows * Items];
        var exclude = new int[Rows][];
        for (int r = 0; r < Rows; r++)
        {
            for (int i = 0; i < Items; i++)
            {
                // Few distinct values, so ties across the k-th place are common.
                values[(r * Items) + i] = rng.NextInt(6) / 2f;
            }
            exclude[r] = [.. Enumerable.Range(0, rng.NextInt(4)).Select(_ => rng.NextInt(Items))];
        }
        values[(1 * Items) + 3] = float.NaN;
        values[(2 * Items) + 5] = float.PositiveInfinity;
        for (int i = 0; i < Items; i++)
        {
            values[(3 * Items) + i] = i < 3 ? 1f : float.NegativeInfinity; // only three finite: −∞ items fill the list
            values[(4 * Items) + i] = i < 2 ? 1f : float.NaN;              // only two candidates at all
            values[(5 * Items) + i] = Items - i;                            // distinct: no tie
        }
        exclude[5] = [0, 2, 999];
        using var logits = tensor(values).reshape(Rows, Items);
        var top = Ranking.TopK(logits, K, exclude);
        for (int r = 0; r < Rows; r++)
        {
            top[r].Should().Equal(Ranking.TopK(values.AsSpan(r * Items, Items), K, exclude[r]), $"row {r}");
        }
        top[4].Should().Equal(0, 1);
        top[5].Should().Equal(1, 3, 4, 5, 6);
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
