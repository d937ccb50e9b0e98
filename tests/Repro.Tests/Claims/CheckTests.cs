using FluentAssertions;
using NUnit.Framework;
using Repro.Claims;

namespace Repro.Tests.Claims;

/// <summary>Hand-computed cases of <see cref="Check"/>: outcomes against two boundaries with a noise band, settledness, one-item notes, and the banded Spearman test.</summary>
public class CheckTests
{
    /// <summary>
    /// A rise against a margin of 0.03 with a band of 0.03: it passes only beyond 0.06, fails only below −0.06, and
    /// ties between (a move within the band can turn a pass into a tie, never into a fail).
    /// </summary>
    [TestCase(0.061, CheckOutcome.Pass)]
    [TestCase(0.059, CheckOutcome.Tie)]
    [TestCase(0.0, CheckOutcome.Tie)]
    [TestCase(-0.059, CheckOutcome.Tie)]
    [TestCase(-0.061, CheckOutcome.Fail)]
    [TestCase(double.NaN, CheckOutcome.Tie)]
    public void A_rise_must_clear_margin_and_band(double rise, CheckOutcome expected) =>
        Check.Against("rise", rise, "> margin", 0.03, -0.03, 0.03, strict: true).Outcome.Should().Be(expected);

    /// <summary>Without a band the boundary decides alone: ≥ 0.9 is inclusive, &gt; 0.5 strict, and lower-is-better mirrors it (≤ 0.6).</summary>
    [Test]
    public void Exact_numbers_have_no_tie()
    {
        Check.Against("p@10", 0.9, ">= 0.9", 0.9, 0.9, 0).Outcome.Should().Be(CheckOutcome.Pass);
        Check.Against("p@10", 0.8, ">= 0.9", 0.9, 0.9, 0).Outcome.Should().Be(CheckOutcome.Fail);
        Check.Against("share", 0.5, "> 0.5", 0.5, 0.5, 0, strict: true).Outcome.Should().Be(CheckOutcome.Fail);
        Check.Against("share", 0.505, "> 0.5", 0.5, 0.5, 0, strict: true).Outcome.Should().Be(CheckOutcome.Pass);
        Check.Against("ratio", 0.6, "<= 0.6", 0.6, 0.6, 0, higherPasses: false).Outcome.Should().Be(CheckOutcome.Pass);
        Check.Against("ratio", 0.61, "<= 0.6", 0.6, 0.6, 0, higherPasses: false).Outcome.Should().Be(CheckOutcome.Fail);
    }

    /// <summary>
    /// Settled means the same outcome with no band and with twice the band: with margin 0.03 and band 0.03 a rise of
    /// 0.1 (beyond 0.09) is a settled pass, 0.08 an unsettled pass, 0.01 (inside ±0.03) a settled tie, 0.04 an unsettled tie.
    /// </summary>
    [TestCase(0.1, CheckOutcome.Pass, true)]
    [TestCase(0.08, CheckOutcome.Pass, false)]
    [TestCase(0.01, CheckOutcome.Tie, true)]
    [TestCase(0.04, CheckOutcome.Tie, false)]
    [TestCase(-0.1, CheckOutcome.Fail, true)]
    public void Settled_outcomes_survive_a_move_within_the_band(double rise, CheckOutcome outcome, bool settled)
    {
        var c = Check.Against("rise", rise, "> margin", 0.03, -0.03, 0.03, strict: true);
        c.Outcome.Should().Be(outcome);
        c.Settled.Should().Be(settled);
    }

    /// <summary>A purity one item of 10 from its threshold says so (0.9 against ≥ 0.9 passes, 0.8 would fail; 0.9 against = 1.00 fails, 1.0 would pass); 0.7 against ≥ 0.9 does not.</summary>
    [Test]
    public void One_item_from_the_other_side_is_noted()
    {
        Check.Against("p@10", 0.9, ">= 0.9", 0.9, 0.9, 0, step: 0.1, stepName: "one item of 10").Note.Should().Be("turns on one item of 10");
        Check.Against("p@10", 0.9, "= 1.00", 1.0, 1.0, 0, step: 0.1, stepName: "one item of 10").Note.Should().Be("turns on one item of 10");
        Check.Against("p@10", 1.0, ">= 0.9", 0.9, 0.9, 0, step: 0.1).Note.Should().BeNull();
        Check.Against("p@10", 0.7, ">= 0.9", 0.9, 0.9, 0, step: 0.1).Note.Should().BeNull();
        Check.Against("share", 101.0 / 200, "> 0.5", 0.5, 0.5, 0, strict: true, step: 1.0 / 200, stepName: "one item of 200").Note.Should().Be("turns on one item of 200");
    }

    /// <summary>
    /// Spearman ≥ 0.9 with a band: values 1, 2, 3, 4, 5 with band 0.4 cannot swap (gaps 1 &gt; 0.8): a settled pass;
    /// with band 0.6 neighbours (gap 1 ≤ 1.2) may swap and ρ can fall below 0.9: a tie; the
    /// reversed series fails; a constant series is undefined, a tie.
    /// </summary>
    [Test]
    public void Spearman_counts_only_orders_the_bands_cannot_swap()
    {
        double[] x = [0, 1, 2, 5, 10];
        var clear = Check.SpearmanAtLeast("s", x, [1, 2, 3, 4, 5], 0.9, 0.4);
        clear.Outcome.Should().Be(CheckOutcome.Pass);
        clear.Settled.Should().BeFalse("with twice the band (0.8 each side) neighbours 1 apart may swap");
        Check.SpearmanAtLeast("s", x, [1, 2, 3, 4, 5], 0.9, 0.2).Settled.Should().BeTrue();
        Check.SpearmanAtLeast("s", x, [1, 2, 3, 4, 5], 0.9, 0.6).Outcome.Should().Be(CheckOutcome.Tie);
        Check.SpearmanAtLeast("s", x, [5, 4, 3, 2, 1], 0.9, 0.2).Outcome.Should().Be(CheckOutcome.Fail);
        Check.SpearmanAtLeast("s", x, [1, 1, 1, 1, 1], 0.9, 0).Outcome.Should().Be(CheckOutcome.Tie);
    }
}
