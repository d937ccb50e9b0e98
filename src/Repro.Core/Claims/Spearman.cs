using Repro.Experiments;

namespace Repro.Claims;

/// <summary>Spearman's rank correlation, the test of "rises with λ_pred" in claim 4.</summary>
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
