namespace Repro.Recommenders;

/// <summary>
/// NDCG at K with binary gain (SPEC §3, deviation D5): DCG = Σ over hits at 1-based rank r ≤ K of 1/log2(r+1);
/// the ideal DCG puts min(|hidden|, K) hits at the top.
/// </summary>
public static class Ndcg
{
    /// <summary>NDCG@K of one ranked list against a user's hidden positives (0 when there are none).</summary>
    public static double AtK(IReadOnlyList<int> ranked, IReadOnlyCollection<int> hidden, int k)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(hidden);
        double dcg = 0;
        for (int r = 0; r < Math.Min(k, ranked.Count); r++)
        {
            if (hidden.Contains(ranked[r]))
            {
                dcg += 1.0 / Math.Log2(r + 2);
            }
        }
        double ideal = 0;
        for (int r = 0; r < Math.Min(k, hidden.Count); r++)
        {
            ideal += 1.0 / Math.Log2(r + 2);
        }
        return ideal == 0 ? 0 : dcg / ideal;
    }
}
