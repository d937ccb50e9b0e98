using System.Globalization;
using Repro.Analysis;
using Repro.Reporting;

namespace Repro.Experiments;

/// <summary>A measured quantity along a λ_pred (β) sweep, e.g. "ML-1M MF RBO" at β ∈ {0, 1, 2, 5, 10}.</summary>
/// <param name="Label">What was measured on which model.</param>
/// <param name="Betas">The β values.</param>
/// <param name="Values">The measurement at each β.</param>
public sealed record BetaSweep(string Label, IReadOnlyList<double> Betas, IReadOnlyList<double> Values);

/// <summary>A measured quantity along the intervention values v (suppression or nudging).</summary>
/// <param name="Label">Model, concept and audience.</param>
/// <param name="Original">The share for the unedited model ("Orig").</param>
/// <param name="Values">The v values.</param>
/// <param name="Shares">The target share at each v.</param>
public sealed record InterventionSweep(string Label, double Original, IReadOnlyList<double> Values, IReadOnlyList<double> Shares);

/// <summary>
/// Rule functions: each turns measured numbers into a <see cref="ClaimRow"/> of SPEC §7. Inputs are plain results
/// so any helper's experiment can plug in. Each test is written out in the row's reason.
/// </summary>
public static class Claims
{
    /// <summary>Decision: "several genres" (claim 1) means at least this many genres at purity@10 = 1.00, per model.</summary>
    public const int SeveralGenres = 3;

    /// <summary>Claim 2's threshold on purity@10.</summary>
    public const double TagPurityThreshold = 0.9;

    /// <summary>Claim 2's tag families.</summary>
    public static IReadOnlyList<string> ClaimedTagFamilies { get; } = ["metal", "electronic", "folk", "country"];

    /// <summary>
    /// Claim 1: ML-1M MF Comedy and Horror best neurons have purity@10 = 1.00, and at least <see cref="SeveralGenres"/>
    /// genres reach 1.00 at K = 10 for MF and for NCF (each model on its own).
    /// </summary>
    public static ClaimRow GenreNeurons(ConceptPurityResult ml1mMf, ConceptPurityResult ml1mNcf)
    {
        ArgumentNullException.ThrowIfNull(ml1mMf);
        ArgumentNullException.ThrowIfNull(ml1mNcf);
        var comedy = ml1mMf.Row("Comedy");
        var horror = ml1mMf.Row("Horror");
        // purity@10 is a count over 10, so 1.00 is exact in double; no tolerance needed.
        int mfPure = ml1mMf.Rows.Count(r => r.PurityAt10 == 1.0);
        int ncfPure = ml1mNcf.Rows.Count(r => r.PurityAt10 == 1.0);
        string numbers = string.Create(CultureInfo.InvariantCulture,
            $"MF Comedy p@10/20/50 = {P(comedy.PurityAt10)}/{P(comedy.PurityAt20)}/{P(comedy.PurityAt50)}, Horror = {P(horror.PurityAt10)}/{P(horror.PurityAt20)}/{P(horror.PurityAt50)}; genres at p@10 = 1.00: MF {mfPure}, NCF {ncfPure}");
        bool ok = comedy.PurityAt10 == 1.0 && horror.PurityAt10 == 1.0 && mfPure >= SeveralGenres && ncfPure >= SeveralGenres;
        return new ClaimRow(1, ClaimsLedger.Statements[0], numbers, ok ? Verdict.Reproduced : Verdict.NotReproduced,
            string.Create(CultureInfo.InvariantCulture, $"test: MF Comedy and Horror p@10 = 1.00 and >= {SeveralGenres} genres at 1.00 for each of MF, NCF (K = 10 only)"));
    }

    /// <summary>
    /// Claim 2: the metal, electronic, folk and country tag-family neurons reach purity@10 ≥ 0.9 in every supplied
    /// Last.FM model. A family is found by name ("metal" also matches "metal*"); a missing family makes it NOT APPLICABLE.
    /// </summary>
    public static ClaimRow MusicTagNeurons(IReadOnlyList<(string Model, ConceptPurityResult Families)> lastFm)
    {
        ArgumentNullException.ThrowIfNull(lastFm);
        if (lastFm.Count == 0)
        {
            return new ClaimRow(2, ClaimsLedger.Statements[1], "-", Verdict.Pending, "no Last.FM model measured");
        }
        var parts = new List<string>();
        bool ok = true;
        foreach (var (model, families) in lastFm)
        {
            var cells = new List<string>();
            foreach (string family in ClaimedTagFamilies)
            {
                var row = families.Rows.FirstOrDefault(r => string.Equals(r.Name.TrimEnd('*'), family, StringComparison.OrdinalIgnoreCase));
                if (row is null)
                {
                    return new ClaimRow(2, ClaimsLedger.Statements[1], "-", Verdict.NotApplicable,
                        $"{model} has no '{family}' family (has: {string.Join(", ", families.Rows.Select(r => r.Name))})");
                }
                cells.Add($"{family} {P(row.PurityAt10)}");
                ok &= row.PurityAt10 >= TagPurityThreshold;
            }
            parts.Add($"{model}: {string.Join(", ", cells)}");
        }
        return new ClaimRow(2, ClaimsLedger.Statements[1], "p@10 " + string.Join("; ", parts), ok ? Verdict.Reproduced : Verdict.NotReproduced,
            "test: each of the 4 families p@10 >= 0.9 in every Last.FM model supplied");
    }

    /// <summary>Claim 3: in every model, the popularity neuron's top-K mean popularity rank is below 0.2 × items.</summary>
    public static ClaimRow PopularityNeuronEverywhere(IReadOnlyList<(string Model, PopularityNeuronResult Result)> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        if (models.Count == 0)
        {
            return new ClaimRow(3, ClaimsLedger.Statements[2], "-", Verdict.Pending, "no model measured");
        }
        string numbers = string.Join("; ", models.Select(m => string.Create(CultureInfo.InvariantCulture,
            $"{m.Model}: neuron {m.Result.Neuron}, mean rank {MarkdownTable.Number(m.Result.MeanRank)} of {m.Result.ItemCount} ({MarkdownTable.Fixed(100 * m.Result.MeanRankShare, 1)} %, K = {m.Result.K})")));
        bool ok = models.All(m => m.Result.InTopFifth);
        return new ClaimRow(3, ClaimsLedger.Statements[2], numbers, ok ? Verdict.Reproduced : Verdict.NotReproduced,
            "test: every model's popularity neuron has top-K mean rank < 20 % of the catalogue");
    }

    /// <summary>
    /// Claim 4: every sweep (RBO and τ, per model) "rises": the value at the largest β exceeds the value at the
    /// smallest β AND the Spearman correlation of value with β is positive. Strict monotonicity is not required
    /// (a dip between neighbours is training noise, not a refutation).
    /// </summary>
    public static ClaimRow FidelityRises(IReadOnlyList<BetaSweep> sweeps)
    {
        ArgumentNullException.ThrowIfNull(sweeps);
        if (sweeps.Count == 0)
        {
            return new ClaimRow(4, ClaimsLedger.Statements[3], "-", Verdict.Pending, "no sweep measured");
        }
        bool ok = true;
        var parts = new List<string>();
        foreach (var s in sweeps)
        {
            var (lo, hi) = Ends(s);
            double rho = Spearman(s.Betas, s.Values);
            ok &= s.Values[hi] > s.Values[lo] && rho > 0;
            parts.Add(string.Create(CultureInfo.InvariantCulture,
                $"{s.Label}: {MarkdownTable.Number(s.Values[lo])} -> {MarkdownTable.Number(s.Values[hi])}, Spearman {MarkdownTable.Fixed(rho)}"));
        }
        return new ClaimRow(4, ClaimsLedger.Statements[3], string.Join("; ", parts), ok ? Verdict.Reproduced : Verdict.NotReproduced,
            "test: per sweep, value at max beta > value at min beta and Spearman(beta, value) > 0");
    }

    /// <summary>
    /// Claim 5: in every sweep, the highest MS is at an intermediate β, strictly above the MS at both the smallest
    /// and the largest β (a tie with an endpoint does not count as "balanced").
    /// </summary>
    public static ClaimRow BalancedMonosemanticity(IReadOnlyList<BetaSweep> msSweeps)
    {
        ArgumentNullException.ThrowIfNull(msSweeps);
        if (msSweeps.Count == 0)
        {
            return new ClaimRow(5, ClaimsLedger.Statements[4], "-", Verdict.Pending, "no sweep measured");
        }
        bool ok = true;
        var parts = new List<string>();
        foreach (var s in msSweeps)
        {
            var (lo, hi) = Ends(s);
            int arg = 0;
            for (int i = 1; i < s.Values.Count; i++)
            {
                arg = s.Values[i] > s.Values[arg] ? i : arg;
            }
            double bestInner = double.NegativeInfinity;
            for (int i = 0; i < s.Values.Count; i++)
            {
                if (i != lo && i != hi)
                {
                    bestInner = Math.Max(bestInner, s.Values[i]);
                }
            }
            ok &= bestInner > s.Values[lo] && bestInner > s.Values[hi];
            parts.Add(string.Create(CultureInfo.InvariantCulture,
                $"{s.Label}: max MS {MarkdownTable.Number(s.Values[arg])} at beta {MarkdownTable.Number(s.Betas[arg])} (beta {MarkdownTable.Number(s.Betas[lo])}: {MarkdownTable.Number(s.Values[lo])}, beta {MarkdownTable.Number(s.Betas[hi])}: {MarkdownTable.Number(s.Values[hi])})"));
        }
        return new ClaimRow(5, ClaimsLedger.Statements[4], string.Join("; ", parts), ok ? Verdict.Reproduced : Verdict.NotReproduced,
            "test: per sweep, the best intermediate-beta MS is strictly above MS at min and max beta");
    }

    /// <summary>
    /// Claim 6: KL dead rate &lt; Top-K dead rate, provided the two L0 match within <paramref name="l0RelativeTolerance"/>
    /// (relative to Top-K's L0); otherwise the comparison is NOT APPLICABLE.
    /// </summary>
    public static ClaimRow KlFewerDeadThanTopK(double klDeadRate, double klL0, double topKDeadRate, double topKL0, double l0RelativeTolerance = 0.1)
    {
        string numbers = string.Create(CultureInfo.InvariantCulture,
            $"dead rate KL {MarkdownTable.Fixed(klDeadRate, 3)} vs Top-K {MarkdownTable.Fixed(topKDeadRate, 3)}; L0 KL {MarkdownTable.Number(klL0)} vs Top-K {MarkdownTable.Number(topKL0)}");
        if (Math.Abs(klL0 - topKL0) > l0RelativeTolerance * Math.Abs(topKL0))
        {
            return new ClaimRow(6, ClaimsLedger.Statements[5], numbers, Verdict.NotApplicable,
                string.Create(CultureInfo.InvariantCulture, $"L0 not matched within {100 * l0RelativeTolerance} %"));
        }
        return new ClaimRow(6, ClaimsLedger.Statements[5], numbers, klDeadRate < topKDeadRate ? Verdict.Reproduced : Verdict.NotReproduced,
            "test: KL dead rate < Top-K dead rate at matched L0");
    }

    /// <summary>
    /// Claim 7: ordered by v from high to low, the target share never rises (non-increasing), and the share at the
    /// lowest v is below a quarter of "Orig".
    /// </summary>
    public static ClaimRow Suppression(InterventionSweep sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        if (Unmeasured(sweep) is string missing)
        {
            return new ClaimRow(7, ClaimsLedger.Statements[6], sweep.Label, Verdict.NotApplicable, missing);
        }
        double[] shares = ByValue(sweep, descending: true);
        bool monotone = IsMonotone(shares, nonIncreasing: true);
        double last = shares[^1];
        bool ok = monotone && last < 0.25 * sweep.Original;
        return new ClaimRow(7, ClaimsLedger.Statements[6], Describe(sweep, descending: true), ok ? Verdict.Reproduced : Verdict.NotReproduced,
            string.Create(CultureInfo.InvariantCulture, $"test: non-increasing as v falls ({(monotone ? "yes" : "no")}) and final < 0.25 x Orig = {MarkdownTable.Fixed(0.25 * sweep.Original, 3)}"));
    }

    /// <summary>
    /// Claim 8: ordered by v from low to high, the target share never falls (non-decreasing), and it rises overall:
    /// the share at the largest v exceeds "Orig" (a flat line is not a rise).
    /// </summary>
    public static ClaimRow Nudging(InterventionSweep sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        if (Unmeasured(sweep) is string missing)
        {
            return new ClaimRow(8, ClaimsLedger.Statements[7], sweep.Label, Verdict.NotApplicable, missing);
        }
        double[] shares = ByValue(sweep, descending: false);
        bool monotone = IsMonotone(shares, nonIncreasing: false);
        bool ok = monotone && shares[^1] > sweep.Original;
        return new ClaimRow(8, ClaimsLedger.Statements[7], Describe(sweep, descending: false), ok ? Verdict.Reproduced : Verdict.NotReproduced,
            $"test: non-decreasing as v rises ({(monotone ? "yes" : "no")}) and final > Orig");
    }

    /// <summary>Claim 9: exposure of the promoted item at v = 4 is at least 0.8.</summary>
    public static ClaimRow Promotion(string label, double exposureAtV4)
    {
        if (double.IsNaN(exposureAtV4))
        {
            return new ClaimRow(9, ClaimsLedger.Statements[8], label, Verdict.NotApplicable, "no audience user was outside the top 20 at v = 0, or v = 4 was not measured");
        }
        string numbers = string.Create(CultureInfo.InvariantCulture, $"{label}: exposure at v = 4 = {MarkdownTable.Fixed(exposureAtV4)}");
        return new ClaimRow(9, ClaimsLedger.Statements[8], numbers, exposureAtV4 >= 0.8 ? Verdict.Reproduced : Verdict.NotReproduced, "test: exposure at v = 4 >= 0.8");
    }

    /// <summary>
    /// Claim 10: the first band (m/4) has a higher activation frequency, a lower mean popularity rank and a higher
    /// concept entropy than the last band (m/2) — all three.
    /// </summary>
    public static ClaimRow Matryoshka(string label, MatryoshkaResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var f = result.First;
        var l = result.Last;
        bool denser = f.ActivationFrequency > l.ActivationFrequency;
        bool popular = f.MeanPopularityRank < l.MeanPopularityRank;
        bool specific = l.ConceptEntropyBits < f.ConceptEntropyBits;
        string numbers = string.Create(CultureInfo.InvariantCulture,
            $"{label} first vs last band: frequency {MarkdownTable.Number(f.ActivationFrequency)} vs {MarkdownTable.Number(l.ActivationFrequency)}, mean pop. rank {MarkdownTable.Number(f.MeanPopularityRank)} vs {MarkdownTable.Number(l.MeanPopularityRank)}, entropy {MarkdownTable.Number(f.ConceptEntropyBits)} vs {MarkdownTable.Number(l.ConceptEntropyBits)} bits");
        return new ClaimRow(10, ClaimsLedger.Statements[9], numbers, denser && popular && specific ? Verdict.Reproduced : Verdict.NotReproduced,
            $"test: denser {(denser ? "yes" : "no")}, more popular {(popular ? "yes" : "no")}, later more specific {(specific ? "yes" : "no")} (all three needed)");
    }

    /// <summary>Claim 11: the golden-age neuron has over half of its top 200 from before 1970.</summary>
    public static ClaimRow GoldenAge(string label, EraNeuronsResult era)
    {
        ArgumentNullException.ThrowIfNull(era);
        string numbers = string.Create(CultureInfo.InvariantCulture,
            $"{label}: neuron {era.GoldenAgeNeuron}, {MarkdownTable.Fixed(era.GoldenAgeShare)} of top {era.K} in {era.Decades[era.GoldenAgeDecade]} (catalogue {MarkdownTable.Fixed(era.CatalogueShares[era.GoldenAgeDecade])})");
        return new ClaimRow(11, ClaimsLedger.Statements[10], numbers, era.GoldenAgeMajority ? Verdict.Reproduced : Verdict.NotReproduced,
            "test: share of pre-1970 items in the golden-age neuron's top K > 0.5");
    }

    // An empty audience gives NaN shares: no verdict can be drawn from it.
    private static string? Unmeasured(InterventionSweep sweep) =>
        sweep.Shares.Count == 0 ? "empty series"
        : double.IsNaN(sweep.Original) || sweep.Shares.Any(double.IsNaN) ? "not measured: empty audience (NaN shares)"
        : null;

    /// <summary>Spearman rank correlation with average ranks for ties; NaN if either side is constant.</summary>
    public static double Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
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

    private static (int Lo, int Hi) Ends(BetaSweep s)
    {
        if (s.Betas.Count != s.Values.Count || s.Betas.Count < 2)
        {
            throw new ArgumentException($"Sweep '{s.Label}' needs at least 2 betas with one value each (got {s.Betas.Count} and {s.Values.Count}).", nameof(s));
        }
        int lo = 0, hi = 0;
        for (int i = 1; i < s.Betas.Count; i++)
        {
            lo = s.Betas[i] < s.Betas[lo] ? i : lo;
            hi = s.Betas[i] > s.Betas[hi] ? i : hi;
        }
        return (lo, hi);
    }

    private static double[] ByValue(InterventionSweep s, bool descending)
    {
        if (s.Values.Count != s.Shares.Count || s.Values.Count == 0)
        {
            throw new ArgumentException($"Sweep '{s.Label}' needs one share per v (got {s.Values.Count} and {s.Shares.Count}).", nameof(s));
        }
        var idx = Enumerable.Range(0, s.Values.Count);
        idx = descending ? idx.OrderByDescending(i => s.Values[i]) : idx.OrderBy(i => s.Values[i]);
        return idx.Select(i => s.Shares[i]).ToArray();
    }

    private static bool IsMonotone(double[] values, bool nonIncreasing)
    {
        // Exact comparison: shares are means over the same audience, so equal steps compare equal; no tolerance.
        for (int i = 1; i < values.Length; i++)
        {
            if (nonIncreasing ? values[i] > values[i - 1] : values[i] < values[i - 1])
            {
                return false;
            }
        }
        return true;
    }

    private static string Describe(InterventionSweep s, bool descending)
    {
        var idx = Enumerable.Range(0, s.Values.Count);
        idx = descending ? idx.OrderByDescending(i => s.Values[i]) : idx.OrderBy(i => s.Values[i]);
        return $"{s.Label}: Orig {MarkdownTable.Fixed(s.Original)}; " + string.Join(", ", idx.Select(i => string.Create(CultureInfo.InvariantCulture, $"v={MarkdownTable.Number(s.Values[i])}: {MarkdownTable.Fixed(s.Shares[i])}")));
    }

    private static string P(double purity) => MarkdownTable.Fixed(purity);
}
