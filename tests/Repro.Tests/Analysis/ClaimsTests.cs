using FluentAssertions;
using NUnit.Framework;
using Repro.Analysis;
using Repro.Experiments;
using Repro.Testing;

namespace Repro.Tests.Analysis;

public class ClaimsTests
{
    private static ConceptPurityResult Genres(params (string Name, double P10)[] rows) =>
        new("genre", rows.Select((r, i) => new ConceptPurityRow(i, r.Name, i, r.P10, r.P10, r.P10, 0.1)).ToArray());

    private static readonly double[] Betas = [0, 1, 2, 5, 10];

    /// <summary>Claim 1 needs MF Comedy and Horror at 1.00 and at least three pure genres in each of MF and NCF.</summary>
    [Test]
    public void Genre_claim_needs_comedy_horror_and_three_pure_genres_per_model()
    {
        var mf = Genres(("Comedy", 1.0), ("Horror", 1.0), ("Drama", 1.0), ("War", 0.9));
        var ncf = Genres(("Comedy", 1.0), ("Horror", 0.9), ("Drama", 1.0), ("War", 1.0));
        Claims.GenreNeurons(mf, ncf).Verdict.Should().Be(Verdict.Reproduced);
        var ncfTwo = Genres(("Comedy", 1.0), ("Horror", 0.9), ("Drama", 1.0), ("War", 0.9));
        Claims.GenreNeurons(mf, ncfTwo).Verdict.Should().Be(Verdict.NotReproduced);
        var mfHorror = Genres(("Comedy", 1.0), ("Horror", 0.9), ("Drama", 1.0), ("War", 1.0));
        Claims.GenreNeurons(mfHorror, ncf).Verdict.Should().Be(Verdict.NotReproduced);
    }

    /// <summary>Claim 2 passes at purity@10 = 0.9 exactly, fails below, and is not applicable when a family is missing.</summary>
    [Test]
    public void Tag_claim_threshold_is_inclusive_and_names_missing_families()
    {
        var ok = Genres(("metal*", 0.9), ("electronic", 1.0), ("folk", 0.9), ("country", 1.0), ("pop", 0.3));
        Claims.MusicTagNeurons([("Last.FM MF", ok)]).Verdict.Should().Be(Verdict.Reproduced);
        var low = Genres(("metal*", 0.8), ("electronic", 1.0), ("folk", 0.9), ("country", 1.0));
        Claims.MusicTagNeurons([("Last.FM MF", ok), ("Last.FM NCF", low)]).Verdict.Should().Be(Verdict.NotReproduced);
        var missing = Genres(("metal", 1.0), ("electronic", 1.0), ("folk", 0.9));
        var row = Claims.MusicTagNeurons([("Last.FM MF", missing)]);
        row.Verdict.Should().Be(Verdict.NotApplicable);
        row.Reason.Should().Contain("country");
    }

    /// <summary>Claim 3 holds only if every model's popularity neuron lies in the top fifth.</summary>
    [Test]
    public void Popularity_claim_holds_only_in_every_model()
    {
        var good = new PopularityNeuronResult(500, 3706, [900.0, 400.0], 1);   // 400 < 741.2
        var bad = new PopularityNeuronResult(500, 3706, [800.0, 900.0], 0);    // 800 >= 741.2
        Claims.PopularityNeuronEverywhere([("MF", good)]).Verdict.Should().Be(Verdict.Reproduced);
        Claims.PopularityNeuronEverywhere([("MF", good), ("NCF", bad)]).Verdict.Should().Be(Verdict.NotReproduced);
    }

    /// <summary>Spearman uses average ranks for ties: x = 1,2,3 against y = 1,1,2 gives 1.5/√3.</summary>
    [Test]
    public void Spearman_averages_tied_ranks()
    {
        // ranks y = 1.5, 1.5, 3; centred x = -1, 0, 1, y = -0.5, -0.5, 1 → cov 1.5, var 2 and 1.5 → 1.5/√3 = 0.8660.
        Claims.Spearman([1, 2, 3], [1, 1, 2]).Should().BeApproximately(1.5 / Math.Sqrt(3), 1e-12);
        Claims.Spearman([0, 1, 2, 5, 10], [0.5, 0.6, 0.55, 0.7, 0.8]).Should().BeApproximately(0.9, 1e-12); // Σd² = 2 → 1 − 12/120
    }

    /// <summary>Claim 4 "rises": the last value beats the first and the Spearman correlation with β is positive, in every sweep.</summary>
    [Test]
    public void Fidelity_rises_means_end_above_start_and_positive_rank_correlation()
    {
        var up = new BetaSweep("MF RBO", Betas, [0.5, 0.6, 0.55, 0.7, 0.8]);
        Claims.FidelityRises([up]).Verdict.Should().Be(Verdict.Reproduced);
        var endLower = new BetaSweep("NCF tau", Betas, [0.8, 0.6, 0.7, 0.6, 0.7]);
        Claims.FidelityRises([up, endLower]).Verdict.Should().Be(Verdict.NotReproduced);
        // End above start (0.55 > 0.5) but no rank correlation: value ranks 1,5,4,3,2 against 1..5,
        // d = 0,−3,−1,1,3, Σd² = 20 → ρ = 1 − 6·20/(5·24) = 0, not > 0.
        var hump = new BetaSweep("MF tau", Betas, [0.5, 0.9, 0.8, 0.7, 0.55]);
        Claims.Spearman(Betas, hump.Values).Should().BeApproximately(0, 1e-12);
        Claims.FidelityRises([hump]).Verdict.Should().Be(Verdict.NotReproduced);
    }

    /// <summary>Claim 5 needs the best MS at an intermediate β strictly above both ends.</summary>
    [TestCase(new[] { 0.3, 0.5, 0.4, 0.35, 0.32 }, Verdict.Reproduced)]
    [TestCase(new[] { 0.3, 0.4, 0.4, 0.4, 0.5 }, Verdict.NotReproduced)]
    [TestCase(new[] { 0.5, 0.5, 0.3, 0.3, 0.3 }, Verdict.NotReproduced)]
    public void Monosemanticity_is_balanced_only_with_an_interior_maximum(double[] ms, Verdict expected)
    {
        Claims.BalancedMonosemanticity([new BetaSweep("MF", Betas, ms)]).Verdict.Should().Be(expected);
    }

    /// <summary>Claim 6 compares dead rates only when the two L0 are within 10 % of each other.</summary>
    [Test]
    public void Dead_latent_comparison_needs_matched_L0()
    {
        Claims.KlFewerDeadThanTopK(0.05, 10, 0.2, 10.5).Verdict.Should().Be(Verdict.Reproduced);     // |0.5| ≤ 1.05
        Claims.KlFewerDeadThanTopK(0.3, 10, 0.2, 10.5).Verdict.Should().Be(Verdict.NotReproduced);
        Claims.KlFewerDeadThanTopK(0.05, 10, 0.2, 20).Verdict.Should().Be(Verdict.NotApplicable);    // |10| > 2
    }

    /// <summary>Claim 7 orders shares by v (any input order), requires no rise as v falls, and a final share below a quarter of Orig.</summary>
    [Test]
    public void Suppression_must_fall_monotonically_below_a_quarter_of_orig()
    {
        double[] v = [-1.5, 1, 0, 0.5, -1, -0.5]; // deliberately shuffled
        var ok = new InterventionSweep("MF Horror", 0.86, v, [0.02, 0.8, 0.4, 0.6, 0.1, 0.2]);
        Claims.Suppression(ok).Verdict.Should().Be(Verdict.Reproduced);       // 0.02 < 0.215
        var bump = new InterventionSweep("MF Horror", 0.86, v, [0.02, 0.8, 0.65, 0.6, 0.1, 0.2]);
        Claims.Suppression(bump).Verdict.Should().Be(Verdict.NotReproduced);   // 0.6 → 0.65 rises
        var high = new InterventionSweep("MF Horror", 0.86, v, [0.3, 0.8, 0.4, 0.6, 0.3, 0.3]);
        Claims.Suppression(high).Verdict.Should().Be(Verdict.NotReproduced);   // 0.3 ≥ 0.215
    }

    /// <summary>Claim 8 requires a non-decreasing share that ends above Orig; a flat line fails.</summary>
    [Test]
    public void Nudging_must_rise_monotonically()
    {
        double[] v = [1, 1.5, 2, 2.5, 3, 3.5, 4];
        Claims.Nudging(new InterventionSweep("MF Children's", 0.04, v, [0.05, 0.1, 0.1, 0.3, 0.4, 0.6, 0.66])).Verdict.Should().Be(Verdict.Reproduced);
        Claims.Nudging(new InterventionSweep("MF Children's", 0.04, v, [0.05, 0.1, 0.08, 0.3, 0.4, 0.6, 0.66])).Verdict.Should().Be(Verdict.NotReproduced);
        Claims.Nudging(new InterventionSweep("MF Children's", 0.04, v, [0.04, 0.04, 0.04, 0.04, 0.04, 0.04, 0.04])).Verdict.Should().Be(Verdict.NotReproduced);
    }

    /// <summary>Claim 9's threshold 0.8 is inclusive.</summary>
    [TestCase(0.8, Verdict.Reproduced)]
    [TestCase(0.79, Verdict.NotReproduced)]
    public void Promotion_exposure_threshold(double exposure, Verdict expected) =>
        Claims.Promotion("MF Alice", exposure).Verdict.Should().Be(expected);

    /// <summary>A fresh ledger holds the 11 claims, all pending; a rule's row replaces its claim.</summary>
    [Test]
    public void Ledger_starts_pending_and_takes_rule_rows()
    {
        var ledger = new ClaimsLedger();
        ledger.Rows.Should().HaveCount(11).And.OnlyContain(r => r.Verdict == Verdict.Pending);
        // A hand-made input, not a measurement: the real ledger is approved by the paper fixtures.
        ledger.Set(Claims.Promotion("hand-made input", 0.85));
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

    /// <summary>An intervention on an empty audience (NaN shares) gets no verdict rather than a failed one.</summary>
    [Test]
    public void Unmeasured_interventions_are_not_applicable()
    {
        Claims.Suppression(new InterventionSweep("empty", double.NaN, [1.0, 0.0], [double.NaN, double.NaN])).Verdict.Should().Be(Verdict.NotApplicable);
        Claims.Nudging(new InterventionSweep("empty", 0.1, [1.0, 2.0], [0.2, double.NaN])).Verdict.Should().Be(Verdict.NotApplicable);
        Claims.Promotion("empty", double.NaN).Verdict.Should().Be(Verdict.NotApplicable);
    }
}
