using FluentAssertions;
using NUnit.Framework;
using Repro.Claims;
using Repro.Experiments;
using Repro.Interventions;
using static Repro.Tests.Claims.Evidence;
using Repro.Recommenders;

namespace Repro.Tests.Claims;

/// <summary>
/// Hand-computed cases of <see cref="Repro.Claims.PromotionClaim"/>: the paper's printed series passes the rule, a flat
/// series and a latent that is not the concept's do not, the boundary, and reading its four series by name.
/// </summary>
public class PromotionClaimTests
{
    private static readonly PromotionClaim Claim = new();

    private static ClaimRow Rule(double atFour) => Claim.Rule(new InterventionSweep("MF Alice", 0.1, [0, 2, 4, 5], [0.1, 0.3, atFour, 1.0]));

    // A latent choice whose edited latent 7 has the given Romance purity@10 and is purest for Drama (p@10 1.0).
    private static LatentChoice Latent(double romanceAt10) =>
        LatentChoice.ForItems(0, 7, new LatentPurities(["Romance", "Drama"], Matrix(8, 7, romanceAt10, 1.0), Matrix(8, 7, romanceAt10, 0.95)),
            [.. Enumerable.Range(0, 8).Select(j => new NeuronScale(j, "all items", 0, 1))]);

    private static double[,] Matrix(int latents, int row, double romance, double drama)
    {
        var m = new double[latents, 2];
        m[row, 0] = romance;
        m[row, 1] = drama;
        return m;
    }

    /// <summary>The paper's printed series (MF, Alice in Wonderland to Romance fans: .12 at v = 1 … .94 at v = 4) passes; it reports no latent purity.</summary>
    [Test]
    public void The_papers_printed_series_passes()
    {
        var row = Claim.Rule(SuppressionClaimTests.Paper(PaperNumbers.Ml1mMfAlicePromotion));
        row.Verdict.Should().Be(Verdict.Reproduced);
        row.OurNumbers.Should().Be("paper MF Romance: Alice in Wonderland (1032): exposure at v = 4 = 0.94");
    }

    /// <summary>
    /// Controls that must not pass: a flat exposure at the paper's Orig (.12 at every v), and the paper's own numbers when
    /// the latent written is not a Romance latent (Romance p@10 .40 &lt; .7: a tie that says whose latent it is).
    /// </summary>
    [Test]
    public void A_flat_exposure_or_a_latent_of_another_concept_does_not_pass()
    {
        Claim.Rule(new InterventionSweep("flat", 0.12, [0, 1, 2, 3, 4, 5], [0.12, 0.12, 0.12, 0.12, 0.12, 0.12])).Verdict.Should().Be(Verdict.NotReproduced);
        var drama = Claim.Rule(SuppressionClaimTests.Paper(PaperNumbers.Ml1mMfAlicePromotion) with { Latent = Latent(0.4) });
        drama.Verdict.Should().Be(Verdict.Inconclusive);
        drama.OurNumbers.Should().Be("paper MF Romance: Alice in Wonderland (1032): exposure at v = 4 = 0.94 (latent 7: Romance p@10 0.40, p@20 0.40), no Romance latent (p@10 < 0.7, it is a Drama latent: Drama p@10 1.00, p@20 0.95)");
        Claim.Rule(SuppressionClaimTests.Paper(PaperNumbers.Ml1mMfAlicePromotion) with { Latent = Latent(0.7) }).Verdict.Should().Be(Verdict.Reproduced, "p@10 0.7 is a Romance latent");
    }

    /// <summary>Exposure at v = 4 is read by value, not position, and the threshold 0.8 is inclusive with no tie band.</summary>
    [TestCase(0.8, Verdict.Reproduced)]
    [TestCase(0.79, Verdict.NotReproduced)]
    public void Exposure_at_v_4_against_0_8(double exposure, Verdict expected)
    {
        var row = Rule(exposure);
        row.Verdict.Should().Be(expected);
        row.OurNumbers.Should().Be($"MF Alice: exposure at v = 4 = {NumberText.Fixed(exposure)}");
        row.Reason.Should().StartWith("test (edit only): exposure at v = 4 >= 0.8 for every series");
    }

    /// <summary>Undefined exposure (no eligible audience user) and a grid without v = 4 are ties, each saying why.</summary>
    [Test]
    public void Undefined_or_unmeasured_exposure_is_a_tie()
    {
        var nan = Rule(double.NaN);
        nan.Verdict.Should().Be(Verdict.Inconclusive);
        nan.OurNumbers.Should().Be("MF Alice: no audience user was outside the top 20 at v = 0, exposure is undefined");
        var noFour = Claim.Rule(new InterventionSweep("MF Alice", 0.1, [0, 1, 2, 3, 5], [0.1, 0.2, 0.3, 0.9, 1.0]));
        noFour.Verdict.Should().Be(Verdict.Inconclusive);
        noFour.OurNumbers.Should().Be("MF Alice: v = 4 was not measured (grid: 0, 1, 2, 3, 5)");
    }

    /// <summary>
    /// Through the evidence, the claim reads the Romance promotion of MF and of NCF and, within each, the rule's item and
    /// the given one by source, wherever they are listed; every one must pass; a cell whose rule found no item is a tie.
    /// </summary>
    [Test]
    public void Reads_the_rule_and_given_items_of_both_models()
    {
        double[] grid = [5, 4, 3, 2, 1, 0];
        PromotedItem Item(string label, string source, double atFour) =>
            new(0, label, source, 20, Target("Romance", 0.1, 1.0, atFour, 0.5, 0.3, 0.2, 0.1), Target("Romance", 1.0, 1, 1, 1, 1, 1, 1));
        PromotionResult P(string concept, params PromotedItem[] items) => new(RecommenderKind.MF, concept, grid, items, [], []) { Choice = Latent(0.9) };
        var evidence = With(interventions: c => InterventionsOf(c, promotions:
            [P("Drama", Item("Heat (1995)", ItemPromotion.RuleSource, 0.9)),
             P("Romance", Item("Alice in Wonderland (1951)", ItemPromotion.GivenSource, c.Model == RecommenderKind.MF ? 0.95 : 0.85), Item("Star Wars (1977)", ItemPromotion.RuleSource, 0.3))]));
        var row = Claim.Rule(evidence);
        row.Verdict.Should().Be(Verdict.NotReproduced);
        row.OurNumbers.Should().Be(
            "ML-1M MF, 'Star Wars (1977)' (rule): exposure at v = 4 = 0.30 (latent 7: Romance p@10 0.90, p@20 0.90); "
            + "ML-1M MF, 'Alice in Wonderland (1951)' (given): exposure at v = 4 = 0.95 (latent 7: Romance p@10 0.90, p@20 0.90); "
            + "ML-1M NCF, 'Star Wars (1977)' (rule): exposure at v = 4 = 0.30 (latent 7: Romance p@10 0.90, p@20 0.90); "
            + "ML-1M NCF, 'Alice in Wonderland (1951)' (given): exposure at v = 4 = 0.85 (latent 7: Romance p@10 0.90, p@20 0.90)");
        var noRuleItem = Claim.Rule(With(interventions: c => InterventionsOf(c, promotions:
            [P("Romance", Item("Alice in Wonderland (1951)", ItemPromotion.GivenSource, 0.95))])));
        noRuleItem.Verdict.Should().Be(Verdict.Inconclusive);
        noRuleItem.OurNumbers.Should().StartWith("ML-1M MF (rule item): not run: no item qualifies for the rule");
        var noGiven = () => Claim.Rule(With(interventions: c => InterventionsOf(c, promotions: [P("Romance", Item("Star Wars (1977)", ItemPromotion.RuleSource, 0.9))])));
        noGiven.Should().Throw<KeyNotFoundException>()
            .WithMessage("Claim 9 reads 'ml-1m MF promote to Romance fans': no promoted item from 'given' (has: rule)");
    }
}
