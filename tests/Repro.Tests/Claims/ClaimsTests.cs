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
    private static ClaimRow Promotion(double exposureAtV4) => new PromotionClaim().Rule(new InterventionSweep("p", 0, [0, 4], [0, exposureAtV4]));

    /// <summary>The ledger holds SPEC §7's claims 1 to 11 in order, claim 4 in two rows (from λ_pred = 0, after λ_pred = 1) and claim 5 in one per dataset, each reading at least one named series.</summary>
    [Test]
    public void Ledger_holds_the_eleven_claims_in_order()
    {
        ClaimsLedger.AllClaims.Select(c => c.Label).Should().Equal("1", "2", "3", "4a", "4b", "5a", "5b", "6", "7", "8", "9", "10", "11");
        ClaimsLedger.AllClaims.Select(c => c.Number).Distinct().Should().Equal(Enumerable.Range(1, 11));
        ClaimsLedger.AllClaims.Should().OnlyContain(c => c.Reads.Count > 0 && c.Statement.Length > 0);
        ClaimsLedger.AllClaims.SelectMany(c => c.Reads).Should().OnlyContain(s => PaperSetting.PaperDatasets.Contains(s.Dataset) && PaperSetting.Models.Contains(s.Model));
    }

    /// <summary>Every margin a claim reads on the paper's cells is defined (<see cref="NoiseMargins"/>), and an unknown one is named with the known ones.</summary>
    [Test]
    public void Every_margin_the_claims_read_is_defined()
    {
        var names = PaperSetting.PaperDatasets.SelectMany(d => PaperSetting.Models.SelectMany(m => new[] { "RBO", "τ", "MS" }.Select(x => $"{d} {m} {x}")))
            .Concat(FewerDeadLatentsClaim.Comparisons.SelectMany(c =>
            {
                var cell = PaperSetting.For(c.Series.Dataset, c.Series.Model);
                return new[] { $"{cell.Label} m = {cell.Sae.Latents * c.Width} FVU", $"{cell.Label} m = {cell.Sae.Latents * c.Width} RBO" };
            }))
            .Concat(new[] { "frequency", "popularity rank", "tag base rate", "concept entropy" }.Select(MatryoshkaClaim.MarginName));
        names.Should().OnlyContain(n => NoiseMargins.Of(n) > 0);
        NoiseMargins.Names.Should().BeEquivalentTo(names);
        var act = () => NoiseMargins.Of("nowhere");
        act.Should().Throw<KeyNotFoundException>().WithMessage("No noise margin 'nowhere' (margins: *");
    }

    /// <summary>Over seeds (a claim ruled one seed at a time): all pass → REPRODUCED, none → NOT REPRODUCED, some → MIXED k/N.</summary>
    [Test]
    public void Ledger_over_seeds_counts_passing_seeds()
    {
        ClaimsLedger Seed(double exposure) => new ClaimsLedger().Set(Promotion(exposure));
        var combined = ClaimsLedger.Combine([(42, Seed(0.9)), (43, Seed(0.7)), (44, Seed(0.85))]);
        combined.Row(9).VerdictText.Should().Be("MIXED 2/3");
        combined.Row(9).OurNumbers.Should().Contain("seed 42 pass").And.Contain("seed 43 fail");
        combined.Row(9).Reason.Should().StartWith("2 of 3 seeds pass; test (edit only): exposure at v = 4 >= 0.8 for every series");
        ClaimsLedger.Combine([(42, Seed(0.9)), (43, Seed(0.9))]).Row(9).VerdictText.Should().Be("REPRODUCED");
        ClaimsLedger.Combine([(42, Seed(0.1)), (43, Seed(0.2))]).Row(9).VerdictText.Should().Be("NOT REPRODUCED");
        ClaimsLedger.Combine([(42, Seed(0.1))]).Row(1).VerdictText.Should().Be("PENDING");
    }

    /// <summary>
    /// A claim whose input could not be made is NOT RULED, its reason naming the failed result, and the ledger still rules
    /// the rest; over seeds, one seed's missing input makes the claim NOT RULED, naming the seed.
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
        ledger.Row(1).Reason.Should().StartWith("concepts ml-1m MF is not available");
        ledger.Row(9).Reason.Should().StartWith("interventions ml-1m MF is not available");

        var over = ClaimsLedger.RuleOverSeeds([(42, evidence), (43, evidence)]);
        over.Row(1).Verdict.Should().Be(Verdict.NotRuled);
        over.Row(1).Reason.Should().StartWith("seed 42: concepts ml-1m MF is not available");
        over.Row(9).Reason.Should().StartWith("seed 42: interventions ml-1m MF is not available");
    }

    /// <summary>A fresh ledger holds every row pending; a rule's row replaces its claim's; the Markdown prints every row with the paper's numbers and the test.</summary>
    [Test]
    public void Ledger_starts_pending_and_takes_rule_rows()
    {
        var ledger = new ClaimsLedger();
        ledger.Rows.Should().HaveCount(13).And.OnlyContain(r => r.Verdict == Verdict.Pending);
        ledger.Rows.Select(r => r.PaperStatement).Should().Equal(ClaimsLedger.AllClaims.Select(c => c.Statement));
        // A hand-made input, not a measurement: the real ledger is approved by the paper fixtures.
        ledger.Set(new PromotionClaim().Rule(new InterventionSweep("hand-made input", 0.1, [4], [0.85])));
        ledger.Row(9).Verdict.Should().Be(Verdict.Reproduced);
        string md = ledger.ToMarkdown();
        md.Should().StartWith("| # | paper | paper's numbers | ours, per seed | verdict | test |\n|---|---|---|---|---|---|\n| 1 | Genre neurons emerge unsupervised:");
        md.Should().Contain("| 9 | Promotion: exposure at v = 4 is at least 0.8 |  | hand-made input: exposure at v = 4 = 0.85 | REPRODUCED | test (edit only): exposure at v = 4 >= 0.8 for every series");
        md.Should().Contain("| 4b | Fidelity rises with λ_pred from 0 to 10: it keeps rising after λ_pred = 1");
        md.Should().EndWith("Tolerances: ours, per seed ≈; verdict ≈\n");
        md.Split('\n').Count(l => l.Contains("PENDING", StringComparison.Ordinal)).Should().Be(12);
    }

    /// <summary>
    /// The evidence table lists every seed's checks with the number, the paper's, the test, the threshold, the band and
    /// the outcome, and declares the row's band as the number's tolerance; an unsettled outcome and verdict carry ≈.
    /// </summary>
    [Test]
    public void Evidence_table_carries_each_checks_band()
    {
        var sweep = new PredictionWeightSweep("ml-1m MF RBO", [0, 1, 2, 5, 10], [0.18, 0.481, 0.5, 0.55, 0.56]) { Measure = SweepMeasure.Rbo, Paper = [0.224, 0.403, 0.436, 0.486, 0.543] };
        var ledger = new ClaimsLedger().Set(FidelityRisesClaim.AfterOne.Rule([(42UL, [sweep])], NoiseBands.Measured));
        string evidence = ledger.EvidenceToMarkdown();
        // rise 0.079 against margin 0.03 and band 0.03: a pass (0.079 > 0.06), unsettled (not > 0.09).
        evidence.Should().Be(
            "| # | seed | check | ours | paper | test | threshold | band | outcome | note |\n|---|---|---|---|---|---|---|---|---|---|\n"
            + "| 4b | 42 | ml-1m MF RBO, rise λ_pred 1 → 10 | 0.079 | 0.14 | > margin | 0.03 | 0.03 | pass ≈ |  |\n\n"
            + "Tolerances: ours ±[band]; outcome ≈\n");
        ledger.ToMarkdown().Should().Contain("| 42 pass ≈ | REPRODUCED ≈ |");
        ledger.MarginsToMarkdown().Should().Contain("| ml-1m MF RBO | 0.03 | NaN | 0.03 | 42 |");
    }

    /// <summary>The deviations table prints SPEC §8's rows D1–D8, the later D9–D13, D14 and D15 (the interventions') and D16 (the Matryoshka budget), in order.</summary>
    [Test]
    public void Deviations_table_lists_every_deviation()
    {
        DeviationsTable.Rows.Select(d => d.Id).Should().Equal("D1", "D2", "D3", "D4", "D5", "D6", "D7", "D8", "D9", "D10", "D11", "D12", "D13", "D14", "D15", "D16");
        Approvals.Verify(DeviationsTable.ToMarkdown());
    }

    /// <summary>D9 quotes the measured HR@10 from the accuracy table handed to it, never a number typed by hand.</summary>
    [Test]
    public void D9_takes_its_numbers_from_the_accuracy_table()
    {
        var accuracy = new AccuracyResultTable(
            [new AccuracyRow(Repro.Data.DatasetName.Ml1m, "NCF", new AccuracyResult(0.5643, 0.15, 0.7769, 0.5, 6039), 0.3, [], "s")], [], new Repro.Data.SplitSettings(Seed: 42));
        DeviationsTable.ToMarkdown(accuracy).Should().Contain("; measured (seed 42): HR@10 0.5643, LOO HR@10 0.7769 |");
        DeviationsTable.ToMarkdown().Should().NotContain("0.545").And.NotContain("0.769");
    }
}
