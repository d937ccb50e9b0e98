using System.Globalization;

namespace Repro.Interventions;

/// <summary>A claims-ledger verdict.</summary>
public enum ClaimVerdict
{
    /// <summary>Our numbers satisfy the paper's statement.</summary>
    Reproduced,

    /// <summary>Our numbers contradict it.</summary>
    NotReproduced,

    /// <summary>The statement cannot be tested on these numbers (missing values, empty audience, …).</summary>
    NotApplicable,
}

/// <summary>One ruling: the claim's number in SPEC §7, the verdict, our number as text, and why.</summary>
public sealed record ClaimRuling(int Claim, ClaimVerdict Verdict, string OurNumber, string Why);

/// <summary>
/// SPEC §7 claims 7–9 as plain functions of an experiment's series. Comparisons are exact (no tolerance):
/// shares are ratios of counts, so equal lists give equal numbers and a "flat" step is allowed by
/// "non-increasing"/"non-decreasing".
/// </summary>
public static class InterventionClaims
{
    /// <summary>
    /// Claim 7: the suppressed concept's share is non-increasing as v goes down the grid (taken in decreasing v,
    /// 1 → −1.5) and the share at the lowest v is below a quarter of Orig.
    /// </summary>
    public static ClaimRuling Suppression(double orig, IReadOnlyList<double> grid, IReadOnlyList<double> shares)
    {
        var series = Ordered(grid, shares, descending: true, out string? problem);
        if (problem is not null || !double.IsFinite(orig))
        {
            return new ClaimRuling(7, ClaimVerdict.NotApplicable, Text(orig, series), problem ?? "Orig is not a number");
        }
        if (orig <= 0)
        {
            return new ClaimRuling(7, ClaimVerdict.NotApplicable, Text(orig, series), "Orig is 0: nothing to suppress");
        }
        int broken = FirstBreak(series, increasingAllowed: false);
        double last = series[^1].Value;
        bool low = last < 0.25 * orig;
        string why = (broken < 0 ? "monotone non-increasing" : $"rises from v={F(series[broken - 1].V)} to v={F(series[broken].V)}")
            + $"; final {F(last)} {(low ? "<" : "≥")} 0.25 × Orig = {F(0.25 * orig)}";
        return new ClaimRuling(7, broken < 0 && low ? ClaimVerdict.Reproduced : ClaimVerdict.NotReproduced, Text(orig, series), why);
    }

    /// <summary>Claim 8: the target concept's share is non-decreasing in v (taken in increasing v).</summary>
    public static ClaimRuling Nudging(double orig, IReadOnlyList<double> grid, IReadOnlyList<double> shares)
    {
        var series = Ordered(grid, shares, descending: false, out string? problem);
        if (problem is not null)
        {
            return new ClaimRuling(8, ClaimVerdict.NotApplicable, Text(orig, series), problem);
        }
        int broken = FirstBreak(series, increasingAllowed: true);
        string why = broken < 0 ? "monotone non-decreasing" : $"falls from v={F(series[broken - 1].V)} to v={F(series[broken].V)}";
        return new ClaimRuling(8, broken < 0 ? ClaimVerdict.Reproduced : ClaimVerdict.NotReproduced, Text(orig, series), why);
    }

    /// <summary>Claim 9: exposure at v = 4 is at least 0.8.</summary>
    public static ClaimRuling Promotion(double orig, IReadOnlyList<double> grid, IReadOnlyList<double> exposure)
    {
        var series = Ordered(grid, exposure, descending: false, out string? problem);
        if (problem is not null)
        {
            return new ClaimRuling(9, ClaimVerdict.NotApplicable, Text(orig, series), problem);
        }
        int at4 = series.FindIndex(p => p.V == 4);
        if (at4 < 0)
        {
            return new ClaimRuling(9, ClaimVerdict.NotApplicable, Text(orig, series), "the grid has no v = 4");
        }
        double e = series[at4].Value;
        bool ok = e >= 0.8;
        return new ClaimRuling(9, ok ? ClaimVerdict.Reproduced : ClaimVerdict.NotReproduced, Text(orig, series), $"exposure at v=4 is {F(e)} {(ok ? "≥" : "<")} 0.8");
    }

    private static List<(double V, double Value)> Ordered(IReadOnlyList<double> grid, IReadOnlyList<double> values, bool descending, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(values);
        problem = null;
        if (grid.Count != values.Count)
        {
            throw new ArgumentException($"The grid has {grid.Count} values but the series has {values.Count}.", nameof(values));
        }
        var pairs = grid.Zip(values, (v, x) => (V: v, Value: x)).ToList();
        pairs = descending ? pairs.OrderByDescending(p => p.V).ToList() : pairs.OrderBy(p => p.V).ToList();
        if (pairs.Count == 0)
        {
            problem = "empty series";
        }
        else if (pairs.Any(p => !double.IsFinite(p.Value)))
        {
            problem = "the series has a missing value (empty audience or no eligible user)";
        }
        return pairs;
    }

    // Index of the first step that goes the wrong way, or -1.
    private static int FirstBreak(List<(double V, double Value)> series, bool increasingAllowed)
    {
        for (int k = 1; k < series.Count; k++)
        {
            bool wrong = increasingAllowed ? series[k].Value < series[k - 1].Value : series[k].Value > series[k - 1].Value;
            if (wrong)
            {
                return k;
            }
        }
        return -1;
    }

    private static string Text(double orig, List<(double V, double Value)> series) =>
        $"Orig {F(orig)}; " + string.Join(", ", series.Select(p => $"v={F(p.V)}: {F(p.Value)}"));

    private static string F(double x) => x.ToString("0.###", CultureInfo.InvariantCulture);
}
