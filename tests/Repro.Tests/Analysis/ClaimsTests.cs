using FluentAssertions;
using NUnit.Framework;
using Repro.Analysis;
using Repro.Experiments;
using Repro.Experiments.Claims;
using Repro.Presentation;
using Repro.Testing;

namespace Repro.Tests.Analysis;

public class ClaimsTests
{
    private static ConceptPurityResult Genres(params (string Name, double P10)[] rows) =>
        new("genre", rows.Select((r, i) => new ConceptPurityRow(i, r.Name, i, r.P10, r.P10, r.P10, 0.1)).ToArray());

    private static readonly double[] Betas = [0, 1, 2, 5, 10];

    private static ClaimRow Promotion(string label, double exposureAtV4) =>
        new PromotionClaim().Rule(new InterventionSweep(label, 0, [0, 4], [0, exposureAtV4]));

    /// <summary>Claim 1 needs MF Comedy and Horror at 1.00 and at least three genres at purity@10 ≥ 0.9 in each of MF and NCF.</summary>
    [Test]
    public void Genre_claim_needs_comedy_horror_and_three_genres_at_0_9_per_model()
    {
        var mf = Genres(("Comedy", 1.0), ("Horror", 1.0), ("Drama", 0.8), ("War", 0.9));
        var ncf = Genres(("Comedy", 1.0), ("Horror", 0.9), ("Drama", 0.9), ("War", 0.7));
        new GenreNeuronsClaim().Rule(mf, ncf).Verdict.Should().Be(Verdict.Reproduced);                 // MF 3, NCF 3 at ≥ 0.9
        var ncfTwo = Genres(("Comedy", 1.0), ("Horror", 0.8), ("Drama", 0.9), ("War", 0.7));
        new GenreNeuronsClaim().Rule(mf, ncfTwo).Verdict.Should().Be(Verdict.NotReproduced);           // NCF 2
        var mfHorror = Genres(("Comedy", 1.0), ("Horror", 0.9), ("Drama", 1.0), ("War", 1.0));
        new GenreNeuronsClaim().Rule(mfHorror, ncf).Verdict.Should().Be(Verdict.NotReproduced);         // Horror 0.9 < 1.00
    }

    /// <summary>Claim 2 passes at purity@10 = 0.9 exactly, fails below, and is not applicable when a family is missing.</summary>
    [Test]
    public void Tag_claim_threshold_is_inclusive_and_names_missing_families()
    {
        var ok = Genres(("metal*", 0.9), ("electronic", 1.0), ("folk", 0.9), ("country", 1.0), ("pop", 0.3));
        new MusicTagNeuronsClaim().Rule([("Last.FM MF", ok)]).Verdict.Should().Be(Verdict.Reproduced);
        var low = Genres(("metal*", 0.8), ("electronic", 1.0), ("folk", 0.9), ("country", 1.0));
        new MusicTagNeuronsClaim().Rule([("Last.FM MF", ok), ("Last.FM NCF", low)]).Verdict.Should().Be(Verdict.NotReproduced);
        var missing = Genres(("metal", 1.0), ("electronic", 1.0), ("folk", 0.9));
        var row = new MusicTagNeuronsClaim().Rule([("Last.FM MF", missing)]);
        row.Verdict.Should().Be(Verdict.NotApplicable);
        row.Reason.Should().Contain("country");
    }

    /// <summary>Claim 3 compares the popularity neuron with the median neuron: ratio ≤ 0.6 in every model.</summary>
    [Test]
    public void Popularity_claim_compares_with_the_median_neuron_in_every_model()
    {
        // Live neurons 400, 900, 1000 (one dead): median 900; 400 / 900 = 0.44 ≤ 0.6.
        var good = new PopularityNeuronResult(500, 3706, [900.0, 400.0, double.NaN, 1000.0], 1);
        // 600 / median(600, 800, 900, 1000) = 600 / 850 = 0.71 > 0.6.
        var bad = new PopularityNeuronResult(500, 3706, [800.0, 600.0, 900.0, 1000.0], 1);
        new PopularityNeuronClaim().Rule([("MF", good)]).Verdict.Should().Be(Verdict.Reproduced);
        var row = new PopularityNeuronClaim().Rule([("MF", good), ("NCF", bad)]);
        row.Verdict.Should().Be(Verdict.NotReproduced);
        row.OurNumbers.Should().Contain("ratio 0.44").And.Contain("ratio 0.71").And.Contain("paper ML-1M");
    }

    /// <summary>Spearman uses average ranks for ties: x = 1,2,3 against y = 1,1,2 gives 1.5/√3.</summary>
    [Test]
    public void Spearman_averages_tied_ranks()
    {
        // ranks y = 1.5, 1.5, 3; centred x = -1, 0, 1, y = -0.5, -0.5, 1 → cov 1.5, var 2 and 1.5 → 1.5/√3 = 0.8660.
        Spearman.Rho([1, 2, 3], [1, 1, 2]).Should().BeApproximately(1.5 / Math.Sqrt(3), 1e-12);
        Spearman.Rho([0, 1, 2, 5, 10], [0.5, 0.6, 0.55, 0.7, 0.8]).Should().BeApproximately(0.9, 1e-12); // Σd² = 2 → 1 − 12/120
    }

    /// <summary>Claim 4 "rises": the last value beats the first by ≥ 0.05 and the Spearman correlation with β is positive, in every sweep.</summary>
    [Test]
    public void Fidelity_rises_means_end_above_start_by_the_margin_and_positive_rank_correlation()
    {
        var up = new BetaSweep("MF RBO", Betas, [0.5, 0.6, 0.55, 0.7, 0.8]);
        new FidelityRisesClaim().Rule([up]).Verdict.Should().Be(Verdict.Reproduced);
        var endLower = new BetaSweep("NCF tau", Betas, [0.8, 0.6, 0.7, 0.6, 0.7]);
        new FidelityRisesClaim().Rule([up, endLower]).Verdict.Should().Be(Verdict.NotReproduced);
        // End above start (0.55 > 0.5) but no rank correlation: value ranks 1,5,4,3,2 against 1..5,
        // d = 0,−3,−1,1,3, Σd² = 20 → ρ = 1 − 6·20/(5·24) = 0, not > 0.
        var hump = new BetaSweep("MF tau", Betas, [0.5, 0.9, 0.8, 0.7, 0.55]);
        Spearman.Rho(Betas, hump.Values).Should().BeApproximately(0, 1e-12);
        new FidelityRisesClaim().Rule([hump]).Verdict.Should().Be(Verdict.NotReproduced);
        // A rise of 0.03 with ρ = 1 is inside the 0.05 margin: a tie.
        var small = new BetaSweep("MF RBO", Betas, [0.50, 0.51, 0.52, 0.525, 0.53]);
        new FidelityRisesClaim().Rule([up, small]).Verdict.Should().Be(Verdict.Inconclusive);
    }

    /// <summary>Claim 5 needs the best intermediate MS ahead of both ends by ≥ 0.01; an end ahead by 0.01 refutes; closer is a tie.</summary>
    [TestCase(new[] { 0.3, 0.5, 0.4, 0.35, 0.32 }, Verdict.Reproduced)]      // 0.5 ≥ 0.32 + 0.01
    [TestCase(new[] { 0.3, 0.4, 0.4, 0.4, 0.5 }, Verdict.NotReproduced)]    // end 0.5 ≥ 0.4 + 0.01
    [TestCase(new[] { 0.5, 0.5, 0.3, 0.3, 0.3 }, Verdict.Inconclusive)]     // 0.5 against 0.5: tie
    [TestCase(new[] { 0.37, 0.375, 0.37, 0.371, 0.3795 }, Verdict.Inconclusive)] // Last.FM NCF's 0.0004 lead is a tie
    public void Monosemanticity_is_balanced_only_beyond_the_margin(double[] ms, Verdict expected)
    {
        new BalancedMonosemanticityClaim().Rule([new BetaSweep("MF", Betas, ms)]).Verdict.Should().Be(expected);
    }

    /// <summary>Claim 6: KL ahead by the 0.02 margin passes, Top-K ahead fails, 0 against 0 is a tie, unmatched L0 is left out.</summary>
    [Test]
    public void Dead_latent_comparison_needs_matched_L0_and_a_margin()
    {
        DeadLatentComparison C(double kl, double top, double topL0 = 10.5) => new("x", kl, 10, top, topL0);
        new FewerDeadLatentsClaim().Rule([C(0.05, 0.2)]).Verdict.Should().Be(Verdict.Reproduced);       // |0.5| ≤ 1.05
        new FewerDeadLatentsClaim().Rule([C(0.05, 0.2), C(0.3, 0.2)]).Verdict.Should().Be(Verdict.NotReproduced);
        new FewerDeadLatentsClaim().Rule([C(0, 0)]).Verdict.Should().Be(Verdict.Inconclusive);
        new FewerDeadLatentsClaim().Rule([C(0, 0), C(0.01, 0.2)]).Verdict.Should().Be(Verdict.Reproduced);
        new FewerDeadLatentsClaim().Rule([C(0.05, 0.2, topL0: 20)]).Verdict.Should().Be(Verdict.NotApplicable); // |10| > 2
    }

    /// <summary>Claim 7 orders shares by v (any input order) after Orig, requires no rise, and a final share below a quarter of Orig, in every series.</summary>
    [Test]
    public void Suppression_must_fall_monotonically_from_orig_below_a_quarter_of_it()
    {
        double[] v = [-1.5, 1, 0, 0.5, -1, -0.5]; // deliberately shuffled
        var ok = new InterventionSweep("MF Horror", 0.86, v, [0.02, 0.8, 0.4, 0.6, 0.1, 0.2]);
        new SuppressionClaim().Rule([ok]).Verdict.Should().Be(Verdict.Reproduced);       // 0.02 < 0.215
        var bump = new InterventionSweep("MF Horror", 0.86, v, [0.02, 0.8, 0.65, 0.6, 0.1, 0.2]);
        new SuppressionClaim().Rule([ok, bump]).Verdict.Should().Be(Verdict.NotReproduced);   // 0.6 → 0.65 rises
        var high = new InterventionSweep("MF Horror", 0.86, v, [0.3, 0.8, 0.4, 0.6, 0.3, 0.3]);
        new SuppressionClaim().Rule([high]).Verdict.Should().Be(Verdict.NotReproduced);   // 0.3 ≥ 0.215
        var aboveOrig = new InterventionSweep("NCF Action", 0.88, v, [0.02, 0.91, 0.4, 0.6, 0.1, 0.2]);
        new SuppressionClaim().Rule([aboveOrig]).Verdict.Should().Be(Verdict.NotReproduced); // Orig 0.88 → v=1 0.91 rises
    }

    /// <summary>Claim 8 requires a non-decreasing share from Orig that ends ≥ 0.2 above it, in every series; a flat line fails.</summary>
    [Test]
    public void Nudging_must_rise_monotonically_from_orig_by_the_effect_size()
    {
        double[] v = [1, 1.5, 2, 2.5, 3, 3.5, 4];
        var paper = new InterventionSweep("MF Children's", 0.04, v, [0.05, 0.1, 0.1, 0.3, 0.4, 0.6, 0.66]);
        new NudgingClaim().Rule([paper]).Verdict.Should().Be(Verdict.Reproduced);                        // +0.62
        new NudgingClaim().Rule([paper, new InterventionSweep("NCF", 0.04, v, [0.05, 0.1, 0.08, 0.3, 0.4, 0.6, 0.66])]).Verdict.Should().Be(Verdict.NotReproduced);
        new NudgingClaim().Rule([new InterventionSweep("MF", 0.04, v, [0.04, 0.04, 0.04, 0.04, 0.04, 0.04, 0.04])]).Verdict.Should().Be(Verdict.NotReproduced);
        new NudgingClaim().Rule([new InterventionSweep("MF", 0.22, v, [0.22, 0.23, 0.23, 0.24, 0.25, 0.26, 0.27])]).Verdict.Should().Be(Verdict.NotReproduced); // +0.05 < 0.2
        new NudgingClaim().Rule([new InterventionSweep("MF", 0.25, v, [0.21, 0.23, 0.3, 0.34, 0.4, 0.5, 0.6])]).Verdict.Should().Be(Verdict.NotReproduced);  // Orig 0.25 → 0.21 falls
    }

    /// <summary>Over seeds: all pass → REPRODUCED, none → NOT REPRODUCED, some → MIXED k/N, only ties → INCONCLUSIVE.</summary>
    [Test]
    public void Ledger_over_seeds_counts_passing_seeds()
    {
        ClaimsLedger Seed(double exposure, double[] ms) =>
            new ClaimsLedger().Set(Promotion("p", exposure)).Set(new BalancedMonosemanticityClaim().Rule([new BetaSweep("MS", Betas, ms)]));
        double[] tie = [0.5, 0.5, 0.3, 0.3, 0.3];
        double[] good = [0.3, 0.5, 0.4, 0.35, 0.32];
        var combined = ClaimsLedger.Combine([(42, Seed(0.9, tie)), (43, Seed(0.7, tie)), (44, Seed(0.85, good))]);
        combined.Rows[8].VerdictText.Should().Be("MIXED 2/3");
        combined.Rows[8].OurNumbers.Should().Contain("seed 42 pass").And.Contain("seed 43 fail");
        combined.Rows[4].VerdictText.Should().Be("MIXED 1/3");
        ClaimsLedger.Combine([(42, Seed(0.9, tie)), (43, Seed(0.9, tie))]).Rows[4].VerdictText.Should().Be("INCONCLUSIVE");
        ClaimsLedger.Combine([(42, Seed(0.9, good)), (43, Seed(0.9, good))]).Rows[8].VerdictText.Should().Be("REPRODUCED");
        ClaimsLedger.Combine([(42, Seed(0.1, good)), (43, Seed(0.2, good))]).Rows[8].VerdictText.Should().Be("NOT REPRODUCED");
    }

    /// <summary>Claim 9's threshold 0.8 is inclusive.</summary>
    [TestCase(0.8, Verdict.Reproduced)]
    [TestCase(0.79, Verdict.NotReproduced)]
    public void Promotion_exposure_threshold(double exposure, Verdict expected) =>
        Promotion("MF Alice", exposure).Verdict.Should().Be(expected);

    /// <summary>A fresh ledger holds the 11 claims, all pending; a rule's row replaces its claim.</summary>
    [Test]
    public void Ledger_starts_pending_and_takes_rule_rows()
    {
        var ledger = new ClaimsLedger();
        ledger.Rows.Should().HaveCount(11).And.OnlyContain(r => r.Verdict == Verdict.Pending);
        // A hand-made input, not a measurement: the real ledger is approved by the paper fixtures.
        ledger.Set(Promotion("hand-made input", 0.85));
        ledger.Rows[8].Verdict.Should().Be(Verdict.Reproduced);
        string md = ledger.ToMarkdown();
        md.Should().Contain("| 9 |").And.Contain("hand-made input").And.Contain("REPRODUCED");
        md.Split('\n').Count(l => l.Contains("PENDING", StringComparison.Ordinal)).Should().Be(10);
    }

    /// <summary>The deviations table prints SPEC §8's rows D1–D8 and the later D9–D13, in order.</summary>
    [Test]
    public void Deviations_table_lists_every_deviation()
    {
        DeviationsTable.Rows.Select(d => d.Id).Should().Equal("D1", "D2", "D3", "D4", "D5", "D6", "D7", "D8", "D9", "D10", "D11", "D12", "D13");
        Approvals.Verify(DeviationsTable.ToMarkdown());
    }

    /// <summary>An intervention on an empty audience (NaN shares) is undefined: inconclusive (or not applicable), never a failed verdict.</summary>
    [Test]
    public void Unmeasured_interventions_are_not_applicable()
    {
        new SuppressionClaim().Rule([new InterventionSweep("empty", double.NaN, [1.0, 0.0], [double.NaN, double.NaN])]).Verdict.Should().Be(Verdict.Inconclusive);
        new NudgingClaim().Rule([new InterventionSweep("empty", 0.1, [1.0, 2.0], [0.2, double.NaN])]).Verdict.Should().Be(Verdict.Inconclusive);
        Promotion("empty", double.NaN).Verdict.Should().Be(Verdict.NotApplicable);
    }
}
