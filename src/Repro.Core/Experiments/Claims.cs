using System.Globalization;
using Repro.Analysis;
using Repro.Presentation;

namespace Repro.Experiments;

/// <summary>A measured quantity along a λ_pred (β) sweep, e.g. "ML-1M MF RBO" at β ∈ {0, 1, 2, 5, 10}.</summary>
/// <param name="Label">What was measured on which model.</param>
/// <param name="Betas">The β values.</param>
/// <param name="Values">The measurement at each β.</param>
public sealed record BetaSweep(string Label, IReadOnlyList<double> Betas, IReadOnlyList<double> Values);

/// <summary>One KL-versus-Top-K comparison at matched L0 (claim 6): means over its seeds.</summary>
/// <param name="Label">Dataset, model and latent width.</param>
/// <param name="KlDeadRate">Mean dead rate of the KL SAEs.</param>
/// <param name="KlL0">Mean L0 of the KL SAEs.</param>
/// <param name="TopKDeadRate">Mean dead rate of the Top-K SAEs.</param>
/// <param name="TopKL0">Mean L0 of the Top-K SAEs.</param>
public sealed record DeadLatentComparison(string Label, double KlDeadRate, double KlL0, double TopKDeadRate, double TopKL0);

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
    /// <summary>Decision: "several genres" (claim 1) means at least this many genres at purity@10 ≥ <see cref="GenrePurityThreshold"/>, per model.</summary>
    public const int SeveralGenres = 3;

    /// <summary>Claim 1: the purity@10 a genre neuron must reach to count (the paper reports 1.00 for several; 0.9 allows one stray item).</summary>
    public const double GenrePurityThreshold = 0.9;

    /// <summary>Claim 3: the popularity neuron's top-K mean rank must be at most this fraction of the median neuron's.</summary>
    public const double PopularityRatioLimit = 0.6;

    /// <summary>Claim 3: the paper's popularity neurons sit at 16–17 % of the ML-1M catalogue (595 and 644 of 3,706).</summary>
    public const string PaperPopularityShares = "paper ML-1M: MF 16.1 %, NCF 17.4 %";

    /// <summary>Claim 4: the rise from the smallest to the largest λ_pred must be at least this (RBO and τ units).</summary>
    public const double FidelityRiseMargin = 0.05;

    /// <summary>Claim 5: an MS difference counts only beyond this margin (smaller differences are ties).</summary>
    public const double MonosemanticityMargin = 0.01;

    /// <summary>Claim 6: a difference in dead rate counts only beyond this margin (one latent of 22 is 0.045).</summary>
    public const double DeadRateMargin = 0.02;

    /// <summary>Claim 7: the share at the lowest v must fall below this fraction of "Orig".</summary>
    public const double SuppressionFinalFraction = 0.25;

    /// <summary>Claim 8: the share at the largest v must exceed "Orig" by at least this much (the paper's MF nudge: +0.62).</summary>
    public const double NudgeEffect = 0.2;

    /// <summary>Claim 2's threshold on purity@10.</summary>
    public const double TagPurityThreshold = 0.9;

    /// <summary>Claim 2's tag families.</summary>
    public static IReadOnlyList<string> ClaimedTagFamilies { get; } = ["metal", "electronic", "folk", "country"];

    /// <summary>
    /// Claim 1, in the paper's terms: ML-1M MF Comedy and Horror best neurons have purity@10 = 1.00, and at least
    /// <see cref="SeveralGenres"/> genres reach purity@10 ≥ <see cref="GenrePurityThreshold"/> for MF and for NCF.
    /// </summary>
    public static ClaimRow GenreNeurons(ConceptPurityResult ml1mMf, ConceptPurityResult ml1mNcf)
    {
        ArgumentNullException.ThrowIfNull(ml1mMf);
        ArgumentNullException.ThrowIfNull(ml1mNcf);
        var comedy = ml1mMf.Row("Comedy");
        var horror = ml1mMf.Row("Horror");
        // purity@10 is a count over 10, so 1.00 and 0.9 are exact in double; no tolerance needed.
        int mfPure = ml1mMf.Rows.Count(r => r.PurityAt10 >= GenrePurityThreshold);
        int ncfPure = ml1mNcf.Rows.Count(r => r.PurityAt10 >= GenrePurityThreshold);
        string numbers = string.Create(CultureInfo.InvariantCulture,
            $"MF Comedy p@10/20/50 = {P(comedy.PurityAt10)}/{P(comedy.PurityAt20)}/{P(comedy.PurityAt50)}, Horror = {P(horror.PurityAt10)}/{P(horror.PurityAt20)}/{P(horror.PurityAt50)}; genres at p@10 >= {P(GenrePurityThreshold)}: MF {mfPure}, NCF {ncfPure}");
        bool ok = comedy.PurityAt10 == 1.0 && horror.PurityAt10 == 1.0 && mfPure >= SeveralGenres && ncfPure >= SeveralGenres;
        return new ClaimRow(1, ClaimsLedger.Statements[0], numbers, ok ? Verdict.Reproduced : Verdict.NotReproduced,
            string.Create(CultureInfo.InvariantCulture, $"test: MF Comedy and Horror p@10 = 1.00, and >= {SeveralGenres} genres at p@10 >= {P(GenrePurityThreshold)} for each of MF, NCF"));
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

    /// <summary>
    /// Claim 3 against a baseline: in every model, the popularity neuron's top-K mean popularity rank is at most
    /// <see cref="PopularityRatioLimit"/> × the median live neuron's (an ordinary neuron); the share of the catalogue is
    /// shown beside the paper's 16–17 %.
    /// </summary>
    public static ClaimRow PopularityNeuronEverywhere(IReadOnlyList<(string Model, PopularityNeuronResult Result)> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        if (models.Count == 0)
        {
            return new ClaimRow(3, ClaimsLedger.Statements[2], "-", Verdict.Pending, "no model measured");
        }
        bool ok = true;
        var parts = new List<string>();
        foreach (var (model, r) in models)
        {
            double median = MedianLive(r.MeanRankPerNeuron);
            double ratio = r.MeanRank / median;
            ok &= r.Neuron >= 0 && ratio <= PopularityRatioLimit;
            parts.Add(string.Create(CultureInfo.InvariantCulture,
                $"{model}: neuron {r.Neuron}, mean rank {MarkdownTable.Number(r.MeanRank)} ({MarkdownTable.Fixed(100 * r.MeanRankShare, 1)} % of {r.ItemCount}, K = {r.K}) vs median neuron {MarkdownTable.Number(median)} (ratio {MarkdownTable.Fixed(ratio)})"));
        }
        return new ClaimRow(3, ClaimsLedger.Statements[2], string.Join("; ", parts) + "; " + PaperPopularityShares, ok ? Verdict.Reproduced : Verdict.NotReproduced,
            string.Create(CultureInfo.InvariantCulture, $"test: in every model, popularity neuron's top-K mean rank <= {MarkdownTable.Fixed(PopularityRatioLimit)} x the median neuron's"));
    }

    private static double MedianLive(IReadOnlyList<double> values)
    {
        var live = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        return live.Length == 0 ? double.NaN : live.Length % 2 == 1 ? live[live.Length / 2] : (live[(live.Length / 2) - 1] + live[live.Length / 2]) / 2;
    }

    /// <summary>
    /// Claim 4: every sweep (RBO and τ, per model) rises: the value at the largest β exceeds the value at the smallest
    /// β by at least <see cref="FidelityRiseMargin"/> AND the Spearman correlation of value with β is positive (a dip
    /// between neighbours is training noise, not a refutation). A rise inside the margin is a tie: inconclusive.
    /// </summary>
    public static ClaimRow FidelityRises(IReadOnlyList<BetaSweep> sweeps)
    {
        ArgumentNullException.ThrowIfNull(sweeps);
        if (sweeps.Count == 0)
        {
            return new ClaimRow(4, ClaimsLedger.Statements[3], "-", Verdict.Pending, "no sweep measured");
        }
        var outcomes = new List<bool?>();
        var parts = new List<string>();
        foreach (var s in sweeps)
        {
            var (lo, hi) = Ends(s);
            double rho = Spearman(s.Betas, s.Values);
            double rise = s.Values[hi] - s.Values[lo];
            outcomes.Add(rise >= FidelityRiseMargin && rho > 0 ? true : rise <= -FidelityRiseMargin || !(rho > 0) ? false : null);
            parts.Add(string.Create(CultureInfo.InvariantCulture,
                $"{s.Label}: {MarkdownTable.Number(s.Values[lo])} -> {MarkdownTable.Number(s.Values[hi])}, Spearman {MarkdownTable.Fixed(rho)}"));
        }
        return new ClaimRow(4, ClaimsLedger.Statements[3], string.Join("; ", parts), AllOf(outcomes),
            string.Create(CultureInfo.InvariantCulture, $"test: per sweep, value at max beta - value at min beta >= {MarkdownTable.Fixed(FidelityRiseMargin)} and Spearman(beta, value) > 0 (a rise within the margin is a tie)"));
    }

    // Every part must pass; any failure fails; otherwise (some ties) the claim is inconclusive.
    private static Verdict AllOf(IReadOnlyList<bool?> outcomes) =>
        outcomes.Any(o => o == false) ? Verdict.NotReproduced
        : outcomes.All(o => o == true) ? Verdict.Reproduced
        : Verdict.Inconclusive;

    /// <summary>
    /// Claim 5: in every sweep, the highest MS is at an intermediate β: the best intermediate MS exceeds the MS at both
    /// the smallest and the largest β by at least <see cref="MonosemanticityMargin"/>. An endpoint that beats every
    /// intermediate β by the margin refutes it; anything closer is a tie (inconclusive for that sweep).
    /// </summary>
    public static ClaimRow BalancedMonosemanticity(IReadOnlyList<BetaSweep> msSweeps)
    {
        ArgumentNullException.ThrowIfNull(msSweeps);
        if (msSweeps.Count == 0)
        {
            return new ClaimRow(5, ClaimsLedger.Statements[4], "-", Verdict.Pending, "no sweep measured");
        }
        var outcomes = new List<bool?>();
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
            double bestEnd = Math.Max(s.Values[lo], s.Values[hi]);
            outcomes.Add(bestInner >= bestEnd + MonosemanticityMargin ? true : bestEnd >= bestInner + MonosemanticityMargin ? false : null);
            parts.Add(string.Create(CultureInfo.InvariantCulture,
                $"{s.Label}: max MS {MarkdownTable.Number(s.Values[arg])} at beta {MarkdownTable.Number(s.Betas[arg])} (beta {MarkdownTable.Number(s.Betas[lo])}: {MarkdownTable.Number(s.Values[lo])}, beta {MarkdownTable.Number(s.Betas[hi])}: {MarkdownTable.Number(s.Values[hi])})"));
        }
        return new ClaimRow(5, ClaimsLedger.Statements[4], string.Join("; ", parts), AllOf(outcomes),
            string.Create(CultureInfo.InvariantCulture, $"test: per sweep, best intermediate-beta MS >= both endpoints' MS + {MarkdownTable.Fixed(MonosemanticityMargin)}; an endpoint ahead by the margin refutes; closer is a tie"));
    }

    /// <summary>
    /// Claim 6 over several comparisons (datasets, latent widths; each the mean over its seeds): KL leaves fewer dead
    /// latents than Top-K when its dead rate is lower by at least <see cref="DeadRateMargin"/>; Top-K ahead by the margin
    /// refutes; closer (e.g. 0 against 0) is a tie. A comparison whose L0 differ by more than
    /// <paramref name="l0RelativeTolerance"/> is not at matched sparsity and is left out (NOT APPLICABLE if all are).
    /// </summary>
    public static ClaimRow KlFewerDeadThanTopK(IReadOnlyList<DeadLatentComparison> comparisons, double l0RelativeTolerance = 0.1)
    {
        ArgumentNullException.ThrowIfNull(comparisons);
        var outcomes = new List<bool?>();
        var parts = new List<string>();
        foreach (var c in comparisons)
        {
            bool matched = Math.Abs(c.KlL0 - c.TopKL0) <= l0RelativeTolerance * Math.Abs(c.TopKL0);
            parts.Add(string.Create(CultureInfo.InvariantCulture,
                $"{c.Label}: dead rate KL {MarkdownTable.Fixed(c.KlDeadRate, 3)} vs Top-K {MarkdownTable.Fixed(c.TopKDeadRate, 3)}, L0 {MarkdownTable.Number(c.KlL0)} vs {MarkdownTable.Number(c.TopKL0)}{(matched ? "" : " (L0 not matched: left out)")}"));
            if (matched)
            {
                outcomes.Add(c.TopKDeadRate >= c.KlDeadRate + DeadRateMargin ? true : c.KlDeadRate >= c.TopKDeadRate + DeadRateMargin ? false : null);
            }
        }
        var verdict = outcomes.Count == 0 ? Verdict.NotApplicable
            : outcomes.Any(o => o == false) ? Verdict.NotReproduced
            : outcomes.Any(o => o == true) ? Verdict.Reproduced
            : Verdict.Inconclusive;
        return new ClaimRow(6, ClaimsLedger.Statements[5], parts.Count == 0 ? "-" : string.Join("; ", parts), verdict,
            string.Create(CultureInfo.InvariantCulture, $"test: KL dead rate <= Top-K's - {MarkdownTable.Fixed(DeadRateMargin)} in some comparison at matched L0 (within {100 * l0RelativeTolerance} %) and Top-K never ahead by the margin; all within the margin = tie"));
    }

    /// <summary>
    /// Claim 7 on every series the paper shows: ordered from "Orig" (the unedited model) through v from high to low,
    /// the target share never rises, and the share at the lowest v is below
    /// <see cref="SuppressionFinalFraction"/> × "Orig".
    /// </summary>
    public static ClaimRow Suppression(IReadOnlyList<InterventionSweep> sweeps) =>
        RuleSeries(7, sweeps, falling: true, (sweep, shares) =>
        {
            bool low = shares[^1] < SuppressionFinalFraction * sweep.Original;
            return (low, string.Create(CultureInfo.InvariantCulture, $"final < {MarkdownTable.Fixed(SuppressionFinalFraction * sweep.Original, 3)}: {(low ? "yes" : "no")}"));
        },
        string.Create(CultureInfo.InvariantCulture, $"test: every series, from Orig through v high to low, never rises, and ends below {MarkdownTable.Fixed(SuppressionFinalFraction)} x Orig"));

    /// <summary>
    /// Claim 8 on every series the paper shows: ordered from "Orig" through v from low to high, the target share never
    /// falls, and the share at the largest v exceeds "Orig" by at least <see cref="NudgeEffect"/> (a flat line is not a rise).
    /// </summary>
    public static ClaimRow Nudging(IReadOnlyList<InterventionSweep> sweeps) =>
        RuleSeries(8, sweeps, falling: false, (sweep, shares) =>
        {
            double effect = shares[^1] - sweep.Original;
            return (effect >= NudgeEffect, "effect " + MarkdownTable.Fixed(effect));
        },
        string.Create(CultureInfo.InvariantCulture, $"test: every series, from Orig through v low to high, never falls, and final - Orig >= {MarkdownTable.Fixed(NudgeEffect)}"));

    // Claims 7 and 8: per series, the shares from Orig through v in the direction of the edit must be monotone and the
    // end must pass the claim's own test; an unmeasured series is undefined (a tie), every series must pass.
    private static ClaimRow RuleSeries(int id, IReadOnlyList<InterventionSweep> sweeps, bool falling, Func<InterventionSweep, double[], (bool Ok, string Detail)> end, string reason)
    {
        ArgumentNullException.ThrowIfNull(sweeps);
        var outcomes = new List<bool?>();
        var parts = new List<string>();
        foreach (var sweep in sweeps)
        {
            if (Unmeasured(sweep) is string missing)
            {
                parts.Add(sweep.Label + ": " + missing);
                outcomes.Add(null);
                continue;
            }
            double[] shares = [sweep.Original, .. ByValue(sweep, descending: falling)];
            bool monotone = IsMonotone(shares, nonIncreasing: falling);
            var (ok, detail) = end(sweep, shares);
            outcomes.Add(monotone && ok);
            parts.Add(Describe(sweep, descending: falling) + $" (monotone from Orig: {(monotone ? "yes" : "no")}; {detail})");
        }
        return new ClaimRow(id, ClaimsLedger.Statements[id - 1], parts.Count == 0 ? "-" : string.Join("; ", parts), outcomes.Count == 0 ? Verdict.NotApplicable : AllOf(outcomes), reason);
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
