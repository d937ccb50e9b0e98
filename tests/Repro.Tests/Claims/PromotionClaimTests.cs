using FluentAssertions;
using NUnit.Framework;
using Repro.Claims;
using Repro.Interventions;
using static Repro.Tests.Claims.Evidence;
using Repro.Recommenders;

namespace Repro.Tests.Claims;

/// <summary>Hand-computed cases of <see cref="Repro.Claims.PromotionClaim"/>: a pass, a fail, the boundary, and reading its series by name.</summary>
public class PromotionClaimTests
{
    private static readonly PromotionClaim Claim = new();

    private static ClaimRow Rule(double atFour) => Claim.Rule(new InterventionSweep("MF Alice", 0.1, [0, 2, 4, 5], [0.1, 0.3, atFour, 1.0]));

    /// <summary>Exposure at v = 4 is read by value, not position, and the threshold 0.8 is inclusive with no tie band.</summary>
    [TestCase(0.8, Verdict.Reproduced)]
    [TestCase(0.79, Verdict.NotReproduced)]
    public void Exposure_at_v_4_against_0_8(double exposure, Verdict expected)
    {
        var row = Rule(exposure);
        row.Verdict.Should().Be(expected);
        row.OurNumbers.Should().Be($"MF Alice: exposure at v = 4 = {NumberText.Fixed(exposure)}");
        row.Reason.Should().Be("test: exposure at v = 4 >= 0.8");
    }

    /// <summary>Undefined exposure (no eligible audience user) and a grid without v = 4 are not applicable, each saying why.</summary>
    [Test]
    public void Undefined_or_unmeasured_exposure_is_not_applicable()
    {
        var nan = Rule(double.NaN);
        nan.Verdict.Should().Be(Verdict.NotApplicable);
        nan.Reason.Should().Contain("outside the top 20 at v = 0");
        var noFour = Claim.Rule(new InterventionSweep("MF Alice", 0.1, [0, 1, 2, 3, 5], [0.1, 0.2, 0.3, 0.9, 1.0]));
        noFour.Verdict.Should().Be(Verdict.NotApplicable);
        noFour.Reason.Should().Be("v = 4 was not measured (grid: 0, 1, 2, 3, 5)");
    }

    /// <summary>Through the evidence, the claim reads the Romance promotion and, within it, the rule's item by its source, wherever either is listed.</summary>
    [Test]
    public void Reads_the_rule_item_of_the_romance_promotion_by_name()
    {
        double[] grid = [5, 4, 3, 2, 1, 0];
        PromotedItem Item(string label, string source, double atFour) =>
            new(0, label, source, 20, Target("Romance", 0.1, 1.0, atFour, 0.5, 0.3, 0.2, 0.1), Target("Romance", 1.0, 1, 1, 1, 1, 1, 1));
        PromotionResult P(string concept, params PromotedItem[] items) => new(RecommenderKind.MF, concept, grid, items, [], []);
        var evidence = With(interventions: c => InterventionsOf(c, promotions:
            [P("Drama", Item("Heat (1995)", ItemPromotion.RuleSource, 0.9)),
             P("Romance", Item("Alice in Wonderland (1951)", ItemPromotion.GivenSource, 0.95), Item("Star Wars (1977)", ItemPromotion.RuleSource, 0.3))]));
        var row = Claim.Rule(evidence);
        row.Verdict.Should().Be(Verdict.NotReproduced);
        row.OurNumbers.Should().Be("ML-1M MF, 'Star Wars (1977)' to Romance fans: exposure at v = 4 = 0.30");
        var noRuleItem = () => Claim.Rule(With(interventions: c => InterventionsOf(c, promotions:
            [P("Romance", Item("Alice in Wonderland (1951)", ItemPromotion.GivenSource, 0.95))])));
        noRuleItem.Should().Throw<KeyNotFoundException>()
            .WithMessage("Claim 9 reads 'ml-1m MF promote to Romance fans': no promoted item from 'rule' (has: given)");
    }
}
