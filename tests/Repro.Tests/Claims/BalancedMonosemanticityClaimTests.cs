using FluentAssertions;
using NUnit.Framework;
using Repro.Claims;
using Repro.Data;
using Repro.Experiments;

namespace Repro.Tests.Claims;

/// <summary>
/// <see cref="BalancedMonosemanticityClaim"/>, one row per dataset: hand-computed cases with the margin and band, the
/// paper's own ML-1M MS sweeps (they must pass: its NCF peak leads by 0.007), flat and rising sweeps (they must not).
/// </summary>
public class BalancedMonosemanticityClaimTests
{
    private static readonly double[] PredictionWeights = [0, 1, 2, 5, 10];

    // ml-1m MF MS: margin 0.06 (NoiseMargins), band 0.03 (Tolerances.Monosemanticity).
    private static PredictionWeightSweep Ms(params double[] values) => new("ml-1m MF MS", PredictionWeights, values) { Measure = SweepMeasure.Monosemanticity };

    /// <summary>
    /// The best intermediate MS must lead the better end beyond the band (0.031 &gt; 0.03 passes, 0.02 ties); an end ahead
    /// of every intermediate λ_pred by more than margin + band (0.09) fails; closer is a tie.
    /// </summary>
    [TestCase(new[] { 0.3, 0.5, 0.4, 0.35, 0.32 }, Verdict.Reproduced)]     // lead 0.18
    [TestCase(new[] { 0.5, 0.531, 0.3, 0.3, 0.5 }, Verdict.Reproduced)]    // lead 0.031
    [TestCase(new[] { 0.5, 0.52, 0.3, 0.3, 0.5 }, Verdict.Inconclusive)]   // lead 0.02: inside the band
    [TestCase(new[] { 0.3, 0.4, 0.4, 0.4, 0.48 }, Verdict.Inconclusive)]   // end ahead by 0.08 < 0.09
    [TestCase(new[] { 0.3, 0.4, 0.4, 0.4, 0.5 }, Verdict.NotReproduced)]   // end ahead by 0.1 > 0.09
    public void The_peak_must_be_intermediate(double[] ms, Verdict expected) =>
        BalancedMonosemanticityClaim.Ml1m.Rule([Ms(ms)], NoiseBands.Measured).Verdict.Should().Be(expected);

    /// <summary>
    /// The paper's own ML-1M MS sweeps (PAPER-NUMBERS): MF peaks at λ_pred = 1 (0.58, 0.027 ahead of λ_pred = 10), NCF at
    /// λ_pred = 2 (0.681, 0.007 ahead). Printed numbers carry no band, so both pass: the rule must pass them.
    /// </summary>
    [Test]
    public void The_papers_own_sweeps_pass()
    {
        var row = BalancedMonosemanticityClaim.Ml1m.Rule(PaperSweeps(), NoiseBands.Printed);
        row.Verdict.Should().Be(Verdict.Reproduced);
        row.Label.Should().Be("5a");
        row.Checks.Select(c => Math.Round(c.Check.Value, 3)).Should().Equal(0.027, 0.007);
    }

    /// <summary>Controls: a flat sweep (no peak) ties and a sweep rising to λ_pred = 10 (the paper's MF reversed: peak at an end) fails; neither passes.</summary>
    [Test]
    public void Flat_and_rising_sweeps_do_not_pass()
    {
        var flat = PaperSweeps().Select(s => s with { Values = [.. s.Values.Select(_ => 0.6)] }).ToList();
        BalancedMonosemanticityClaim.Ml1m.Rule(flat, NoiseBands.Printed).Verdict.Should().Be(Verdict.Inconclusive);
        var rising = new[] { PaperSweeps()[0] with { Values = [0.464, 0.5, 0.52, 0.55, 0.58] } };
        BalancedMonosemanticityClaim.Ml1m.Rule(rising, NoiseBands.Printed).Verdict.Should().NotBe(Verdict.Reproduced);
    }

    /// <summary>Claim 5 is ruled per dataset: 5a reads ML-1M, 5b Last.FM and says it is HetRec (D1).</summary>
    [Test]
    public void One_row_per_dataset()
    {
        BalancedMonosemanticityClaim.Ml1m.Reads.Select(s => s.ToString()).Should().Equal("ml-1m MF λ_pred ablation MS", "ml-1m NCF λ_pred ablation MS");
        BalancedMonosemanticityClaim.LastFm.Reads.Select(s => s.Dataset).Should().OnlyContain(d => d == DatasetName.LastFm);
        BalancedMonosemanticityClaim.LastFm.Statement.Should().Contain("HetRec").And.Contain("D1");
        BalancedMonosemanticityClaim.LastFm.Label.Should().Be("5b");
    }

    private static List<PredictionWeightSweep> PaperSweeps() =>
        [.. PaperSetting.Models.Select(m => new PredictionWeightSweep($"ml-1m {m} MS", PredictionWeights, [.. PaperAblationNumbers.Ml1m.Select(r => r.Monosemanticity(m))]) { Measure = SweepMeasure.Monosemanticity })];
}
