namespace Repro.Analysis;

/// <summary>
/// Rank-biased overlap of two ranked lists (Webber, Moffat, Zobel 2010), in the paper's truncated form and the
/// extrapolated form (SPEC §5 "Fidelity").
/// </summary>
public static class RankBiasedOverlap
{
    /// <summary>
    /// Paper form, no extrapolation: <c>(1−p) Σ_{d=1..D} p^{d−1} |A_{:d} ∩ B_{:d}| / d</c>, D = the longer list's
    /// length unless given. Identical lists of length D score <c>1 − p^D</c>, not 1.
    /// </summary>
    public static double Truncated<T>(IReadOnlyList<T> a, IReadOnlyList<T> b, double p = 0.9, int? depth = null)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        CheckP(p);
        int d = depth ?? Math.Max(a.Count, b.Count);
        double[] overlap = Overlaps(a, b, d);
        double sum = 0, weight = 1;
        for (int k = 1; k <= d; k++)
        {
            sum += weight * overlap[k] / k;
            weight *= p;
        }
        return (1 - p) * sum;
    }

    /// <summary>
    /// RBO_ext (Webber et al. 2010, eq. 32) for lists of possibly unequal length, s = |S| ≤ l = |L|:
    /// <c>(1−p)/p [Σ_{d=1..l} X_d/d p^d + Σ_{d=s+1..l} X_s (d−s)/(s d) p^d] + [(X_l − X_s)/l + X_s/s] p^l</c>,
    /// X_d = |S_{:d} ∩ L_{:d}|. Identical lists score 1.
    /// </summary>
    public static double Extrapolated<T>(IReadOnlyList<T> a, IReadOnlyList<T> b, double p = 0.9)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        CheckP(p);
        var (shortList, longList) = a.Count <= b.Count ? (a, b) : (b, a);
        int s = shortList.Count, l = longList.Count;
        if (s == 0)
        {
            return l == 0 ? 1.0 : 0.0;
        }
        double[] x = Overlaps(shortList, longList, l);
        double sum = 0, pd = 1;
        for (int d = 1; d <= l; d++)
        {
            pd *= p;
            sum += x[d] / d * pd;
            if (d > s)
            {
                sum += x[s] * (d - s) / ((double)s * d) * pd;
            }
        }
        return (1 - p) / p * sum + ((x[l] - x[s]) / l + x[s] / s) * Math.Pow(p, l);
    }

    // X_d for d = 0..depth: overlap of the two prefixes of length d (a prefix of a shorter list is the whole list).
    private static double[] Overlaps<T>(IReadOnlyList<T> a, IReadOnlyList<T> b, int depth)
        where T : notnull
    {
        var seenA = new HashSet<T>();
        var seenB = new HashSet<T>();
        var x = new double[depth + 1];
        int overlap = 0;
        for (int d = 1; d <= depth; d++)
        {
            if (d <= a.Count)
            {
                var item = a[d - 1];
                if (!seenA.Add(item))
                {
                    throw new ArgumentException("A ranked list holds an item twice.", nameof(a));
                }
                if (seenB.Contains(item))
                {
                    overlap++;
                }
            }
            if (d <= b.Count)
            {
                var item = b[d - 1];
                if (!seenB.Add(item))
                {
                    throw new ArgumentException("A ranked list holds an item twice.", nameof(b));
                }
                if (seenA.Contains(item))
                {
                    overlap++;
                }
            }
            x[d] = overlap;
        }
        return x;
    }

    private static void CheckP(double p)
    {
        if (!(p > 0 && p < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "The persistence p must lie in (0, 1).");
        }
    }
}
