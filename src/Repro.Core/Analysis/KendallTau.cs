namespace Repro.Analysis;

/// <summary>
/// Kendall's τ-b between two top-K lists (SPEC §5 "Fidelity"): over the union of both lists, an item missing from
/// a list is ranked len + 1 there (ties among the missing ones), and τ-b corrects for those ties.
/// </summary>
public static class KendallTau
{
    /// <summary>
    /// <c>τ_b = (n_c − n_d) / √((n_0 − n_1)(n_0 − n_2))</c>, n_1 and n_2 the pairs tied in the first and second list.
    /// When a list has no untied pair (e.g. one item), τ-b is undefined; this returns 1 if the lists are equal and
    /// 0 otherwise.
    /// </summary>
    public static double TauB<T>(IReadOnlyList<T> a, IReadOnlyList<T> b)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var rankA = Ranks(a);
        var rankB = Ranks(b);
        var union = a.Concat(b.Where(x => !rankA.ContainsKey(x))).ToArray();
        int n = union.Length;
        var ra = union.Select(x => rankA.TryGetValue(x, out int r) ? r : a.Count + 1).ToArray();
        var rb = union.Select(x => rankB.TryGetValue(x, out int r) ? r : b.Count + 1).ToArray();
        long concordant = 0, discordant = 0, tiesA = 0, tiesB = 0, pairs = (long)n * (n - 1) / 2;
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                int da = Math.Sign(ra[i] - ra[j]), db = Math.Sign(rb[i] - rb[j]);
                if (da == 0)
                {
                    tiesA++;
                }
                if (db == 0)
                {
                    tiesB++;
                }
                if (da != 0 && db != 0)
                {
                    if (da == db)
                    {
                        concordant++;
                    }
                    else
                    {
                        discordant++;
                    }
                }
            }
        }
        double denominator = Math.Sqrt((double)(pairs - tiesA) * (pairs - tiesB));
        if (denominator == 0)
        {
            return a.SequenceEqual(b) ? 1.0 : 0.0;
        }
        return (concordant - discordant) / denominator;
    }

    private static Dictionary<T, int> Ranks<T>(IReadOnlyList<T> list)
        where T : notnull
    {
        var ranks = new Dictionary<T, int>(list.Count);
        for (int k = 0; k < list.Count; k++)
        {
            if (!ranks.TryAdd(list[k], k + 1))
            {
                throw new ArgumentException("A ranked list holds an item twice.", nameof(list));
            }
        }
        return ranks;
    }
}
