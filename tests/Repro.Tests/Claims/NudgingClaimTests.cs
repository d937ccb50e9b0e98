using FluentAssertions;
using NUnit.Framework;
using Repro.Claims;
using Repro.Experiments;
using Repro.Interventions;
using static Repro.Tests.Claims.Evidence;
using Repro.Recommenders;

namespace Repro.Tests.Claims;

/// <summary>
/// Hand-computed cases of <see cref="Repro.Claims.NudgingClaim"/>: the paper's printed series pass the rule, flat,
/// falling and out-controlled series do not, the boundaries, and reading its series by name.
/// </summary>
public class NudgingClaimTests
{
    private static readonly NudgingClaim Claim = new();
    private static readonly double[] V = [1, 1.5, 2, 2.5, 3, 3.5, 4];

    /// <summary>The paper's own evidence passes: MF .04 → .09 … .66 (+.62) and NCF .06 → .14 … .79 (+.73), rising at every step.</summary>
    [Test]
    public void The_papers_printed_series_pass()
    {
        var row = Claim.Rule([SuppressionClaimTests.Paper(PaperNumbers.Ml1mMfChildrensNudging), SuppressionClaimTests.Paper(PaperNumbers.Ml1mNcfChildrensNudging)]);
        row.Verdict.Should().Be(Verdict.Reproduced);
        row.OurNumbers.Should().Contain("paper MF Children's: Orig 0.04; v=1: 0.09").And.Contain("v=4: 0.66 (monotone over v: yes; final - Orig 0.62; control: none reported)")
            .And.Contain("v=4: 0.79 (monotone over v: yes; final - Orig 0.73; control: none reported)");
    }

    /// <summary>
    /// Controls that must not pass: a flat line at Orig, the paper's MF series reversed (falling as v rises, as our NCF
    /// nudges toward Children's did), and the paper's MF series when other active latents raise the share as much (+.62
    /// against +.30, +.60, +.70: 75th percentile .65).
    /// </summary>
    [Test]
    public void Flat_falling_or_out_controlled_series_do_not_pass()
    {
        var mf = PaperNumbers.Ml1mMfChildrensNudging;
        Claim.Rule([new InterventionSweep("flat", 0.04, V, [0.04, 0.04, 0.04, 0.04, 0.04, 0.04, 0.04])]).Verdict.Should().Be(Verdict.NotReproduced);
        Claim.Rule([new InterventionSweep("falling", 0.04, V, [.. mf.Values.Reverse().Select(v => v!.Value)])]).Verdict.Should().Be(Verdict.NotReproduced);
        var outdone = Claim.Rule([SuppressionClaimTests.Paper(mf, control: [0.30, 0.60, 0.70])]);
        outdone.Verdict.Should().Be(Verdict.NotReproduced);
        outdone.OurNumbers.Should().EndWith("control: effect 0.620 vs 3 other active latents: median 0.600, 75th pct 0.650, does not beat both)");
        Claim.Rule([SuppressionClaimTests.Paper(mf, control: [0.01, -0.05, 0.10])]).Verdict.Should().Be(Verdict.Reproduced);
    }

    /// <summary>A dip over the grid (0.1 → 0.08) fails in any one series; a dip from Orig to v = 1 does not (Orig is not in the chain).</summary>
    [Test]
    public void A_fall_over_the_grid_fails()
    {
        var paper = new InterventionSweep("MF Children's", 0.04, V, [0.05, 0.1, 0.1, 0.3, 0.4, 0.6, 0.66]);
        Claim.Rule([paper, new InterventionSweep("NCF", 0.04, V, [0.05, 0.1, 0.08, 0.3, 0.4, 0.6, 0.66])]).Verdict.Should().Be(Verdict.NotReproduced);
        Claim.Rule([new InterventionSweep("MF", 0.25, V, [0.21, 0.23, 0.3, 0.34, 0.4, 0.5, 0.6])]).Verdict.Should().Be(Verdict.Reproduced);
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

    /// <summary>Through the evidence, the nudge is found by its target concept among the cell's nudges, with its control; a missing one is named.</summary>
    [Test]
    public void Reads_the_nudge_by_target_concept()
    {
        double[] grid = [1, 2];
        (string, NudgingResult) N(string audience, string concept, double end) => (audience, new NudgingResult(RecommenderKind.MF, grid, Target(concept, 0.1, 0.2, end), [])
        {
            Control = new InterventionControl(2, new ControlEdit(0, 1, 0.4, end, end - 0.1), [new ControlEdit(3, 0.1, 0.2, 0.05, -0.05)]),
        });
        var row = Claim.Rule(With(interventions: c => InterventionsOf(c, nudges: [N("metal listeners", "country", 0), N("young users (age code 1)", "Children's", 0.5)])));
        row.Verdict.Should().Be(Verdict.Reproduced);
        row.OurNumbers.Should().StartWith("ML-1M MF nudge young users to Children's (latent 0): Orig 0.10; v=1: 0.20, v=2: 0.50")
            .And.Contain("control: effect 0.400 vs 1 other active latent: median -0.050, 75th pct -0.050, beats both");
        var missing = () => Claim.Rule(With(interventions: c => InterventionsOf(c, nudges: [N("metal listeners", "country", 0)])));
        missing.Should().Throw<KeyNotFoundException>().WithMessage("Claim 8 reads 'ml-1m MF nudge toward Children's': no nudge toward 'Children's' (has: country)");
    }
}
