using Repro.Experiments;

namespace Repro.Claims;

/// <summary>Spearman's rank correlation, the monotone test of "rises with λ_pred" in claim 4, and its range when the values carry a noise band.</summary>
public static class Spearman
{
    /// <summary>Spearman's ρ with average ranks for ties (Pearson's r of the ranks); NaN if either side is constant.</summary>
    public static double Rho(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count || x.Count < 2)
        {
            throw new ArgumentException($"Spearman needs two equal-length lists of at least 2 (got {x.Count} and {y.Count}).", nameof(y));
        }
        double[] rx = AverageRanks(x), ry = AverageRanks(y);
        double mx = rx.Average(), my = ry.Average(), sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < rx.Length; i++)
        {
            sxy += (rx[i] - mx) * (ry[i] - my);
            sxx += (rx[i] - mx) * (rx[i] - mx);
            syy += (ry[i] - my) * (ry[i] - my);
        }
        return sxx == 0 || syy == 0 ? double.NaN : sxy / Math.Sqrt(sxx * syy);
    }

    /// <summary>
    /// The lowest and highest ρ of <paramref name="y"/> against <paramref name="x"/> when each y is known only within
    /// ±<paramref name="band"/>: every strict order of the y values in which no two values more than 2 × band apart
    /// swap (at most 8 values; with band 0, ρ itself twice). NaN when x is constant.
    /// </summary>
    public static (double Lowest, double Highest) Range(IReadOnlyList<double> x, IReadOnlyList<double> y, double band)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentOutOfRangeException.ThrowIfNegative(band);
        double rho = Rho(x, y);
        if (band == 0 || (double.IsNaN(rho) && AverageRanks(x).Distinct().Count() == 1))
        {
            return (rho, rho);
        }
        if (y.Count > 8)
        {
            throw new ArgumentException($"Spearman.Range enumerates orders of at most 8 values (got {y.Count}).", nameof(y));
        }
        int n = y.Count;
        double lowest = double.PositiveInfinity, highest = double.NegativeInfinity;
        var order = Enumerable.Range(0, n).ToArray();
        var rank = new double[n];
        foreach (var permutation in Permutations(order, 0))
        {
            // permutation[k] is the value at rank k + 1; it is allowed when no later value lies more than 2 × band below an earlier one.
            bool allowed = true;
            for (int a = 0; a < n && allowed; a++)
            {
                for (int b = a + 1; b < n && allowed; b++)
                {
                    allowed = y[permutation[a]] - y[permutation[b]] <= 2 * band;
                }
            }
            if (!allowed)
            {
                continue;
            }
            for (int k = 0; k < n; k++)
            {
                rank[permutation[k]] = k + 1;
            }
            double r = Rho(x, rank);
            lowest = Math.Min(lowest, r);
            highest = Math.Max(highest, r);
        }
        return (lowest, highest);
    }

    private static IEnumerable<int[]> Permutations(int[] items, int from)
    {
        if (from == items.Length - 1)
        {
            yield return items;
            yield break;
        }
        for (int i = from; i < items.Length; i++)
        {
            (items[from], items[i]) = (items[i], items[from]);
            foreach (var p in Permutations(items, from + 1))
            {
                yield return p;
            }
            (items[from], items[i]) = (items[i], items[from]);
        }
    }

    private static double[] AverageRanks(IReadOnlyList<double> v)
    {
        int[] order = Enumerable.Range(0, v.Count).OrderBy(i => v[i]).ToArray();
        var ranks = new double[v.Count];
        for (int a = 0; a < order.Length;)
        {
            int b = a;
            while (b + 1 < order.Length && v[order[b + 1]] == v[order[a]])
            {
                b++;
            }
            for (int k = a; k <= b; k++)
            {
                ranks[order[k]] = (a + b) / 2.0 + 1;
            }
            a = b + 1;
        }
        return ranks;
    }
}
