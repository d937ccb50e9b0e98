namespace Repro.Recommenders;

/// <summary>Hit rate at K: 1 when any hidden positive is in the top K of the ranked list, else 0.</summary>
public static class HitRate
{
    /// <summary>HR@K of one ranked list against a user's hidden positives.</summary>
    public static double AtK(IReadOnlyList<int> ranked, IReadOnlyCollection<int> hidden, int k)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(hidden);
        for (int r = 0; r < Math.Min(k, ranked.Count); r++)
        {
            if (hidden.Contains(ranked[r]))
            {
                return 1;
            }
        }
        return 0;
    }
}
