namespace Repro.Analysis;

/// <summary>Top-K of a score row with some items excluded; ties go to the lower item index so lists are deterministic.</summary>
internal static class TopItems
{
    /// <summary>The k best items of <paramref name="scores"/> (best first), skipping the sorted <paramref name="excluded"/> items.</summary>
    public static int[] Of(ReadOnlySpan<float> scores, int[] excluded, int k)
    {
        // A small insertion-sorted buffer: k = 30 of a few thousand items, cheaper than sorting the row.
        var best = new List<int>(k + 1);
        for (int i = 0; i < scores.Length; i++)
        {
            if (Array.BinarySearch(excluded, i) >= 0)
            {
                continue;
            }
            float s = scores[i];
            if (best.Count == k && !(s > scores[best[^1]]))
            {
                continue;
            }
            int pos = best.Count;
            while (pos > 0 && s > scores[best[pos - 1]])
            {
                pos--;
            }
            best.Insert(pos, i);
            if (best.Count > k)
            {
                best.RemoveAt(k);
            }
        }
        return best.ToArray();
    }
}
