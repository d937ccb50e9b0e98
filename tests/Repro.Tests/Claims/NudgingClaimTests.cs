using FluentAssertions;
using NUnit.Framework;
using Repro.Claims;
using Repro.Interventions;
using static Repro.Tests.Claims.Evidence;
using Repro.Recommenders;

namespace Repro.Tests.Claims;

/// <summary>Hand-computed cases of <see cref="Repro.Claims.NudgingClaim"/>: a pass, a fail, the boundary, and reading its series by name.</summary>
public class NudgingClaimTests
{
    private static readonly NudgingClaim Claim = new();
    private static readonly double[] V = [1, 1.5, 2, 2.5, 3, 3.5, 4];

    /// <summary>From Orig through v low to high the share never falls and ends ≥ 0.2 above Orig: the paper's MF nudge, +0.62, passes.</summary>
    [Test]
    public void A_monotone_rise_by_the_effect_passes()
    {
        var row = Claim.Rule([new InterventionSweep("MF Children's", 0.04, V, [0.05, 0.1, 0.1, 0.3, 0.4, 0.6, 0.66])]);
        row.Verdict.Should().Be(Verdict.Reproduced);
        row.OurNumbers.Should().EndWith("v=4: 0.66 (monotone from Orig: yes; effect 0.62)");
    }

    /// <summary>A dip (0.1 → 0.08), a fall below Orig (0.25 → 0.21) or a flat line fails, in any one series.</summary>
    [Test]
    public void A_fall_or_a_flat_line_fails()
    {
        var paper = new InterventionSweep("MF Children's", 0.04, V, [0.05, 0.1, 0.1, 0.3, 0.4, 0.6, 0.66]);
        Claim.Rule([paper, new InterventionSweep("NCF", 0.04, V, [0.05, 0.1, 0.08, 0.3, 0.4, 0.6, 0.66])]).Verdict.Should().Be(Verdict.NotReproduced);
        Claim.Rule([new InterventionSweep("MF", 0.25, V, [0.21, 0.23, 0.3, 0.34, 0.4, 0.5, 0.6])]).Verdict.Should().Be(Verdict.NotReproduced);
        Claim.Rule([new InterventionSweep("MF", 0.04, V, [0.04, 0.04, 0.04, 0.04, 0.04, 0.04, 0.04])]).Verdict.Should().Be(Verdict.NotReproduced);
    }

    /// <summary>The effect is inclusive: from Orig 0.25 an end of 0.45 (+0.20) passes, 0.44 (+0.19) fails.</summary>
    [TestCase(0.45, Verdict.Reproduced)]
    [TestCase(0.44, Verdict.NotReproduced)]
    public void End_at_the_effect_size(double end, Verdict expected) =>
        Claim.Rule([new InterventionSweep("MF", 0.25, [1, 2], [0.3, end])]).Verdict.Should().Be(expected);

    /// <summary>A series with a NaN share (empty audience) is a tie: inconclusive, never a failure.</summary>
    [Test]
    public void An_unmeasured_series_is_a_tie()
    {
        var row = Claim.Rule([new InterventionSweep("empty", 0.1, [1.0, 2.0], [0.2, double.NaN])]);
        row.Verdict.Should().Be(Verdict.Inconclusive);
        row.OurNumbers.Should().Be("empty: not measured: empty audience (NaN shares)");
    }

    /// <summary>Through the evidence, the nudge is found by its target concept among the cell's nudges; a missing one is named.</summary>
    [Test]
    public void Reads_the_nudge_by_target_concept()
    {
        double[] grid = [1, 2];
        (string, NudgingResult) N(string audience, string concept, double end) => (audience, new NudgingResult(RecommenderKind.MF, grid, Target(concept, 0.1, 0.2, end), []));
        var row = Claim.Rule(With(interventions: c => InterventionsOf(c, nudges: [N("metal listeners", "country", 0), N("young users (age code 1)", "Children's", 0.5)])));
        row.Verdict.Should().Be(Verdict.Reproduced);
        row.OurNumbers.Should().StartWith("ML-1M MF nudge young users to Children's: Orig 0.10; v=1: 0.20, v=2: 0.50");
        var missing = () => Claim.Rule(With(interventions: c => InterventionsOf(c, nudges: [N("metal listeners", "country", 0)])));
        missing.Should().Throw<KeyNotFoundException>().WithMessage("Claim 8 reads 'ml-1m MF nudge toward Children's': no nudge toward 'Children's' (has: country)");
    }
}
