using FluentAssertions;
using NUnit.Framework;
using Repro.Experiments;
using Repro.Claims;
using Repro.Interventions;
using static Repro.Tests.Claims.Evidence;
using Repro.Recommenders;

namespace Repro.Tests.Claims;

/// <summary>Hand-computed cases of <see cref="Repro.Claims.SuppressionClaim"/>: a pass, a fail, the boundary, and reading its series by name.</summary>
public class SuppressionClaimTests
{
    private static readonly SuppressionClaim Claim = new();
    private static readonly double[] V = [-1.5, 1, 0, 0.5, -1, -0.5]; // deliberately shuffled

    /// <summary>From Orig through v high to low the share never rises and ends below a quarter of Orig: 0.86 → 0.8, 0.6, 0.4, 0.2, 0.1, 0.02 &lt; 0.215 passes.</summary>
    [Test]
    public void A_monotone_fall_below_a_quarter_of_orig_passes()
    {
        var row = Claim.Rule([new InterventionSweep("MF Horror", 0.86, V, [0.02, 0.8, 0.4, 0.6, 0.1, 0.2])]);
        row.Verdict.Should().Be(Verdict.Reproduced);
        row.OurNumbers.Should().Be("MF Horror: Orig 0.86; v=1: 0.80, v=0.5: 0.60, v=0: 0.40, v=-0.5: 0.20, v=-1: 0.10, v=-1.5: 0.02 (monotone from Orig: yes; final < 0.215: yes)");
    }

    /// <summary>A rise between neighbours (0.6 → 0.65), a rise above Orig (0.88 → 0.91) or a high end fails, in any one series.</summary>
    [Test]
    public void A_rise_or_a_high_end_fails()
    {
        var ok = new InterventionSweep("MF Horror", 0.86, V, [0.02, 0.8, 0.4, 0.6, 0.1, 0.2]);
        Claim.Rule([ok, new InterventionSweep("MF Horror", 0.86, V, [0.02, 0.8, 0.65, 0.6, 0.1, 0.2])]).Verdict.Should().Be(Verdict.NotReproduced);
        Claim.Rule([new InterventionSweep("NCF Action", 0.88, V, [0.02, 0.91, 0.4, 0.6, 0.1, 0.2])]).Verdict.Should().Be(Verdict.NotReproduced);
        Claim.Rule([new InterventionSweep("MF Horror", 0.86, V, [0.3, 0.8, 0.4, 0.6, 0.3, 0.3])]).Verdict.Should().Be(Verdict.NotReproduced); // 0.3 ≥ 0.215
    }

    /// <summary>The end test is strict: with Orig 0.8 an end of 0.2 = 0.25 × 0.8 fails and 0.19 passes; flat steps are not rises.</summary>
    [TestCase(0.2, Verdict.NotReproduced)]
    [TestCase(0.19, Verdict.Reproduced)]
    public void End_at_a_quarter_of_orig(double end, Verdict expected) =>
        Claim.Rule([new InterventionSweep("MF", 0.8, [1, 0, -1], [0.8, 0.5, end])]).Verdict.Should().Be(expected);

    /// <summary>An unmeasured series (NaN from an empty audience) is a tie: inconclusive alone, outweighed by a failure; no series is not applicable.</summary>
    [Test]
    public void An_unmeasured_series_is_a_tie()
    {
        var empty = new InterventionSweep("empty", double.NaN, [1.0, 0.0], [double.NaN, double.NaN]);
        Claim.Rule([empty]).Verdict.Should().Be(Verdict.Inconclusive);
        Claim.Rule([empty, new InterventionSweep("MF", 0.8, [1, 0], [0.9, 0.1])]).Verdict.Should().Be(Verdict.NotReproduced);
        Claim.Rule([]).Verdict.Should().Be(Verdict.NotApplicable);
    }

    /// <summary>Through the evidence, each paper series is found by model and concept, not by its place in the grids; a missing one is named.</summary>
    [Test]
    public void Reads_the_paper_series_by_model_and_concept()
    {
        double[] grid = [1, 0, -1];
        SuppressionResult S(string concept, params double[] values) => new(RecommenderKind.MF, grid, Target(concept, 0.8, values), [], []);
        var row = Claim.Rule(With(interventions: c => InterventionsOf(c, c.Model == RecommenderKind.MF
            ? [S("Action", 0.9, 0.9, 0.9), S("Horror", 0.6, 0.3, 0.1)]
            : [S("Drama", 0.9, 0.9, 0.9), S("Action", 0.5, 0.2, 0.15)])));
        row.Verdict.Should().Be(Verdict.Reproduced);
        row.OurNumbers.Should().StartWith("ML-1M MF suppress Horror: Orig 0.80; v=1: 0.60").And.Contain("; ML-1M NCF suppress Action: Orig 0.80; v=1: 0.50");
        var missing = () => Claim.Rule(With(interventions: c => InterventionsOf(c, [S("Horror", 0.6, 0.3, 0.1)])));
        missing.Should().Throw<KeyNotFoundException>().WithMessage("Claim 7 reads 'ml-1m NCF suppress Action': no suppression of 'Action' (has: Horror)");
    }
}
