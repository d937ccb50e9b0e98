using FluentAssertions;
using NUnit.Framework;
using Repro.Experiments;
using Repro.Claims;
using Repro.Interventions;
using static Repro.Tests.Claims.Evidence;
using Repro.Recommenders;

namespace Repro.Tests.Claims;

/// <summary>
/// Hand-computed cases of <see cref="Repro.Claims.SuppressionClaim"/>: the paper's printed series pass the rule, flat,
/// reversed and out-controlled series do not, the boundaries, and reading its series by name.
/// </summary>
public class SuppressionClaimTests
{
    private static readonly SuppressionClaim Claim = new();
    private static readonly double[] V = [-1.5, 1, 0, 0.5, -1, -0.5]; // deliberately shuffled

    /// <summary>The paper's printed series (PAPER-NUMBERS.md) as the rule reads them, without a control (the paper reports none).</summary>
    internal static InterventionSweep Paper(PaperSeries p, IReadOnlyList<double>? control = null)
    {
        int[] measured = [.. Enumerable.Range(0, p.Grid.Count).Where(k => p.Values[k] is not null)];
        return new InterventionSweep($"paper {p.Model} {p.Concept}", p.Orig, [.. measured.Select(k => p.Grid[k])], [.. measured.Select(k => p.Values[k]!.Value)]) { ControlEffects = control };
    }

    /// <summary>
    /// The paper's own evidence passes: MF Horror .86 → .64 … .02 and NCF Action .88 → .91, .71 … .17 (it rises from Orig
    /// to v = 1, which the rule allows: v = 1 is an edit, not Orig), both end below a quarter of Orig (.215, .22).
    /// </summary>
    [Test]
    public void The_papers_printed_series_pass()
    {
        var row = Claim.Rule([Paper(PaperNumbers.Ml1mMfHorrorSuppression), Paper(PaperNumbers.Ml1mNcfActionSuppression)]);
        row.Verdict.Should().Be(Verdict.Reproduced);
        row.OurNumbers.Should().Be(
            "paper MF Horror: Orig 0.86; v=1: 0.64, v=0.5: 0.52, v=0: 0.34, v=-0.5: 0.19, v=-1: 0.09, v=-1.5: 0.02 (monotone over v: yes; final < 0.215: yes; control: none reported); "
            + "paper NCF Action: Orig 0.88; v=1: 0.91, v=0.5: 0.71, v=0: 0.61, v=-0.5: 0.46, v=-1: 0.27, v=-1.5: 0.17 (monotone over v: yes; final < 0.220: yes; control: none reported)");
    }

    /// <summary>
    /// Controls that must not pass: a flat series (an edit that does nothing), the paper's series reversed (the share
    /// rises as v falls, as NCF edits of silent latents did), and the paper's MF series when the same edit on other active
    /// latents drops the share as much (drop .84 against their .70, .84, .85: 75th percentile .845).
    /// </summary>
    [Test]
    public void Flat_reversed_or_out_controlled_series_do_not_pass()
    {
        var mf = PaperNumbers.Ml1mMfHorrorSuppression;
        double[] grid = [.. mf.Grid];
        Claim.Rule([new InterventionSweep("flat", 0.86, grid, [0.86, 0.86, 0.86, 0.86, 0.86, 0.86])]).Verdict.Should().Be(Verdict.NotReproduced);
        Claim.Rule([new InterventionSweep("reversed", 0.86, grid, [.. mf.Values.Reverse().Select(v => v!.Value)])]).Verdict.Should().Be(Verdict.NotReproduced);
        var outdone = Claim.Rule([Paper(mf, control: [0.70, 0.84, 0.85])]);
        outdone.Verdict.Should().Be(Verdict.NotReproduced);
        outdone.OurNumbers.Should().EndWith("(monotone over v: yes; final < 0.215: yes; control: effect 0.840 vs 3 other active latents: median 0.840, 75th pct 0.845, does not beat both)");
        Claim.Rule([Paper(mf, control: [0.70, 0.80, 0.83])]).Verdict.Should().Be(Verdict.Reproduced, "a drop of .84 beats .80 (median) and .815 (75th percentile)");
    }

    /// <summary>The control's bar is strict: the concept latent's effect equal to the others' 75th percentile does not beat it; no other active latent leaves it undefined, a tie.</summary>
    [Test]
    public void The_control_is_strict_and_undefined_without_other_active_latents()
    {
        DoseResponseClaim.Control(0.5, [0.1, 0.5]).Beats.Should().BeTrue("the 75th percentile of .1, .5 is .4 and the median .3: .5 is above both");
        DoseResponseClaim.Control(0.4, [0.1, 0.5]).Beats.Should().BeFalse("equal to the 75th percentile (.1 + .75 × .4 = .4) is not above it");
        DoseResponseClaim.Control(0.41, [0.1, 0.5]).Beats.Should().BeTrue();
        DoseResponseClaim.Control(0.9, []).Should().Be(((bool?)null, "control: no other latent active on the audience, undefined"));
        DoseResponseClaim.Control(0.9, null).Should().Be(((bool?)null, "control: none reported"));
        var sweep = new InterventionSweep("MF", 0.86, [1, 0, -1], [0.6, 0.3, 0.1]);
        Claim.Rule([sweep with { ControlEffects = [] }]).Verdict.Should().Be(Verdict.Inconclusive);
        Claim.Rule([sweep with { ControlEffects = [] }, sweep with { Shares = [0.6, 0.3, 0.5] }]).Verdict.Should().Be(Verdict.NotReproduced, "a failing series outweighs a tie");
    }

    /// <summary>A rise between neighbours over the grid (0.6 → 0.65 as v falls) or a high end fails, in any one series.</summary>
    [Test]
    public void A_rise_over_the_grid_or_a_high_end_fails()
    {
        var ok = new InterventionSweep("MF Horror", 0.86, V, [0.02, 0.8, 0.4, 0.6, 0.1, 0.2]);
        Claim.Rule([ok]).Verdict.Should().Be(Verdict.Reproduced);
        Claim.Rule([ok, new InterventionSweep("MF Horror", 0.86, V, [0.02, 0.8, 0.65, 0.6, 0.1, 0.2])]).Verdict.Should().Be(Verdict.NotReproduced);
        Claim.Rule([new InterventionSweep("MF Horror", 0.86, V, [0.3, 0.8, 0.4, 0.6, 0.3, 0.3])]).Verdict.Should().Be(Verdict.NotReproduced); // 0.3 ≥ 0.215
    }

    /// <summary>The end test is strict: with Orig 0.8 an end of 0.2 = 0.25 × 0.8 fails and 0.19 passes; flat steps are not rises.</summary>
    [TestCase(0.2, Verdict.NotReproduced)]
    [TestCase(0.19, Verdict.Reproduced)]
    public void End_at_a_quarter_of_orig(double end, Verdict expected) =>
        Claim.Rule([new InterventionSweep("MF", 0.8, [1, 0, -1], [0.8, 0.5, end])]).Verdict.Should().Be(expected);

    /// <summary>An unmeasured series (NaN from an empty audience) or a skipped grid is a tie: inconclusive alone, outweighed by a failure; no series is not applicable.</summary>
    [Test]
    public void An_unmeasured_series_is_a_tie()
    {
        var empty = new InterventionSweep("empty", double.NaN, [1.0, 0.0], [double.NaN, double.NaN]);
        Claim.Rule([empty]).Verdict.Should().Be(Verdict.Inconclusive);
        Claim.Rule([empty, new InterventionSweep("MF", 0.8, [1, 0], [0.9, 0.3])]).Verdict.Should().Be(Verdict.NotReproduced);
        Claim.Rule([]).Verdict.Should().Be(Verdict.NotApplicable);
        var skipped = Claim.Rule([InterventionSweep.NotRun("NCF Action", "no latent is active on the audience")]);
        skipped.Verdict.Should().Be(Verdict.Inconclusive);
        skipped.OurNumbers.Should().Be("NCF Action: not run: no latent is active on the audience");
    }

    /// <summary>
    /// Through the evidence, each paper series is found by model and concept, not by its place in the grids, with its
    /// control; a skipped grid reads as a tie naming its reason; a missing one is named.
    /// </summary>
    [Test]
    public void Reads_the_paper_series_by_model_and_concept()
    {
        double[] grid = [1, 0, -1];
        SuppressionResult S(string concept, params double[] values) => new(RecommenderKind.MF, grid, Target(concept, 0.8, values), [], [])
        {
            Control = new InterventionControl(-1, new ControlEdit(0, 1, 0.5, values[^1], 0.8 - values[^1]), [new ControlEdit(1, 0.1, 0.2, 0.7, 0.1), new ControlEdit(2, 0.2, 0.3, 0.6, 0.2)]),
        };
        var row = Claim.Rule(With(interventions: c => InterventionsOf(c, c.Model == RecommenderKind.MF
            ? [S("Action", 0.9, 0.9, 0.9), S("Horror", 0.6, 0.3, 0.1)]
            : [S("Drama", 0.9, 0.9, 0.9), S("Action", 0.5, 0.2, 0.15)])));
        row.Verdict.Should().Be(Verdict.Reproduced);
        row.OurNumbers.Should().StartWith("ML-1M MF suppress Horror (latent 0): Orig 0.80; v=1: 0.60").And.Contain("; ML-1M NCF suppress Action (latent 0): Orig 0.80; v=1: 0.50")
            .And.Contain("control: effect 0.700 vs 2 other active latents: median 0.150, 75th pct 0.175, beats both");
        var skipped = Claim.Rule(With(interventions: c => InterventionsOf(c, c.Model == RecommenderKind.MF ? [S("Horror", 0.6, 0.3, 0.1)] : [],
            skipped: c.Model == RecommenderKind.MF ? [] : [new SkippedGrid("suppress", "Action", "the 20 strongest Action fans", "no latent is active on the audience")])));
        skipped.Verdict.Should().Be(Verdict.Inconclusive);
        skipped.OurNumbers.Should().EndWith("ML-1M NCF suppress Action: not run: no latent is active on the audience");
        var missing = () => Claim.Rule(With(interventions: c => InterventionsOf(c, [S("Horror", 0.6, 0.3, 0.1)])));
        missing.Should().Throw<KeyNotFoundException>().WithMessage("Claim 7 reads 'ml-1m NCF suppress Action': no suppression of 'Action' (has: Horror)");
    }
}
