using FluentAssertions;
using NUnit.Framework;
using Repro.Experiments;
using Repro.Claims;
using Repro.Presentation;
using Repro.Testing;
using Repro.Recommenders;

namespace Repro.Tests.Claims;

/// <summary>The claims ledger as a whole: its claims, its verdict over seeds, its Markdown; each claim's rule has its own tests under Claims/.</summary>
public class ClaimsTests
{
    private static readonly double[] PredictionWeights = [0, 1, 2, 5, 10];

    private static ClaimRow Promotion(double exposureAtV4) => new PromotionClaim().Rule(new InterventionSweep("p", 0, [0, 4], [0, exposureAtV4]));

    /// <summary>The ledger holds SPEC §7's claims 1 to 11 in order, each reading at least one named series.</summary>
    [Test]
    public void Ledger_holds_the_eleven_claims_in_order()
    {
        ClaimsLedger.AllClaims.Select(c => c.Number).Should().Equal(Enumerable.Range(1, 11));
        ClaimsLedger.AllClaims.Should().OnlyContain(c => c.Reads.Count > 0 && c.Statement.Length > 0);
        ClaimsLedger.AllClaims.SelectMany(c => c.Reads).Should().OnlyContain(s => PaperSetting.PaperDatasets.Contains(s.Dataset) && PaperSetting.Models.Contains(s.Model));
    }

    /// <summary>Claims 7, 8 and 9 read the series the paper reports (PaperNumbers): the same models and concepts.</summary>
    [Test]
    public void Intervention_claims_read_the_series_the_paper_reports()
    {
        (RecommenderKind, string)[] Paper(string intervention) =>
            [.. PaperNumbers.Interventions.Where(p => p.Intervention == intervention).Select(p => (p.Model, p.Concept.Split(':')[0]))];
        new SuppressionClaim().PaperSeries.Should().Equal(Paper("suppress"));
        new NudgingClaim().PaperSeries.Should().Equal(Paper("nudge"));
        Paper("promote").Should().Equal([(PromotionClaim.Series.Model, PromotionClaim.Concept)]);
    }

    /// <summary>Over seeds: all pass → REPRODUCED, none → NOT REPRODUCED, some → MIXED k/N, only ties → INCONCLUSIVE.</summary>
    [Test]
    public void Ledger_over_seeds_counts_passing_seeds()
    {
        ClaimsLedger Seed(double exposure, double[] ms) =>
            new ClaimsLedger().Set(Promotion(exposure)).Set(new BalancedMonosemanticityClaim().Rule([new PredictionWeightSweep("MS", PredictionWeights, ms)]));
        double[] tie = [0.5, 0.5, 0.3, 0.3, 0.3];
        double[] good = [0.3, 0.5, 0.4, 0.35, 0.32];
        var combined = ClaimsLedger.Combine([(42, Seed(0.9, tie)), (43, Seed(0.7, tie)), (44, Seed(0.85, good))]);
        combined.Rows[8].VerdictText.Should().Be("MIXED 2/3");
        combined.Rows[8].OurNumbers.Should().Contain("seed 42 pass").And.Contain("seed 43 fail");
        combined.Rows[8].Reason.Should().StartWith("2 of 3 seeds pass; test (edit only): exposure at v = 4 >= 0.8");
        combined.Rows[4].VerdictText.Should().Be("MIXED 1/3");
        ClaimsLedger.Combine([(42, Seed(0.9, tie)), (43, Seed(0.9, tie))]).Rows[4].VerdictText.Should().Be("INCONCLUSIVE");
        ClaimsLedger.Combine([(42, Seed(0.9, good)), (43, Seed(0.9, good))]).Rows[8].VerdictText.Should().Be("REPRODUCED");
        ClaimsLedger.Combine([(42, Seed(0.1, good)), (43, Seed(0.2, good))]).Rows[8].VerdictText.Should().Be("NOT REPRODUCED");
        ClaimsLedger.Combine([(42, Seed(0.1, good))]).Rows[0].VerdictText.Should().Be("PENDING");
    }

    /// <summary>
    /// A claim whose input could not be made is NOT RULED, its reason naming the failed result, and the ledger still rules
    /// the rest; over seeds, one seed's NOT RULED makes the claim NOT RULED, naming the seed.
    /// </summary>
    [Test]
    public void A_claim_whose_input_failed_is_not_ruled()
    {
        static Func<PaperSetting, T> Failed<T>(string what) => cell => throw new MissingEvidenceException($"{what} {cell.Label} is not available: it needs a model, which failed in step 's': boom");
        var evidence = Evidence.With(
            concepts: Failed<ConceptResult>("concepts"),
            ablation: Failed<PredictionWeightAblationResult>("λ_pred ablation"),
            klTopKComparisons: [.. FewerDeadLatentsClaim.Comparisons.Select(c => (Evidence.PaperCells.First(p => p.Dataset == c.Series.Dataset && p.Model == c.Series.Model), c.Width))],
            klVersusTopK: (c, _) => Failed<KlVersusTopKResult>("KL vs Top-K")(c),
            interventions: Failed<InterventionResult>("interventions"),
            hierarchy: Failed<HierarchyResult>("Matryoshka hierarchy"));
        var ledger = ClaimsLedger.Rule(evidence);
        ledger.Rows.Should().OnlyContain(r => r.Verdict == Verdict.NotRuled && r.VerdictText == "NOT RULED");
        ledger.Rows[0].Reason.Should().StartWith("concepts ml-1m MF is not available");
        ledger.Rows[8].Reason.Should().StartWith("interventions ml-1m MF is not available");

        var ruled = new ClaimsLedger().Set(Promotion(0.9));
        var combined = ClaimsLedger.Combine([(42, ruled), (43, ledger)]);
        combined.Rows[8].Verdict.Should().Be(Verdict.NotRuled);
        combined.Rows[8].Reason.Should().StartWith("seed 43: interventions ml-1m MF is not available");
    }

    /// <summary>A fresh ledger holds the 11 claims, all pending; a rule's row replaces its claim; the Markdown prints every row.</summary>
    [Test]
    public void Ledger_starts_pending_and_takes_rule_rows()
    {
        var ledger = new ClaimsLedger();
        ledger.Rows.Should().HaveCount(11).And.OnlyContain(r => r.Verdict == Verdict.Pending);
        ledger.Rows.Select(r => r.PaperStatement).Should().Equal(ClaimsLedger.AllClaims.Select(c => c.Statement));
        // A hand-made input, not a measurement: the real ledger is approved by the paper fixtures.
        ledger.Set(new PromotionClaim().Rule(new InterventionSweep("hand-made input", 0.1, [4], [0.85])));
        ledger.Rows[8].Verdict.Should().Be(Verdict.Reproduced);
        string md = ledger.ToMarkdown();
        md.Should().StartWith("| # | paper | ours | verdict | why |\n|---|---|---|---|---|\n| 1 | Genre neurons emerge unsupervised:");
        md.Should().Contain("| 9 | Promotion: exposure at v = 4 is at least 0.8 | hand-made input: exposure at v = 4 = 0.85 | REPRODUCED | test (edit only): exposure at v = 4 >= 0.8 for every series");
        md.Split('\n').Count(l => l.Contains("PENDING", StringComparison.Ordinal)).Should().Be(10);
    }

    /// <summary>The deviations table prints SPEC §8's rows D1–D8 and the later D9–D15, in order.</summary>
    [Test]
    public void Deviations_table_lists_every_deviation()
    {
        DeviationsTable.Rows.Select(d => d.Id).Should().Equal("D1", "D2", "D3", "D4", "D5", "D6", "D7", "D8", "D9", "D10", "D11", "D12", "D13", "D14", "D15");
        Approvals.Verify(DeviationsTable.ToMarkdown());
    }
}
