using FluentAssertions;
using NUnit.Framework;
using Repro.Claims;

namespace Repro.Tests.Claims;

/// <summary>Hand-computed cases of <see cref="Repro.Claims.BalancedMonosemanticityClaim"/>: a pass, a fail, the boundary, and reading its series by name.</summary>
public class BalancedMonosemanticityClaimTests
{
    private static readonly BalancedMonosemanticityClaim Claim = new();
    private static readonly double[] PredictionWeights = [0, 1, 2, 5, 10];

    /// <summary>The best intermediate MS must lead both ends by ≥ 0.01 (inclusive); an end leading by 0.01 refutes; anything closer is a tie.</summary>
    [TestCase(new[] { 0.3, 0.5, 0.4, 0.35, 0.32 }, Verdict.Reproduced)]      // 0.5 ≥ 0.32 + 0.01
    [TestCase(new[] { 0.5, 0.51, 0.3, 0.3, 0.5 }, Verdict.Reproduced)]      // 0.51 = 0.5 + 0.01: at the margin
    [TestCase(new[] { 0.3, 0.4, 0.4, 0.4, 0.5 }, Verdict.NotReproduced)]    // end 0.5 ≥ 0.4 + 0.01
    [TestCase(new[] { 0.5, 0.5, 0.3, 0.3, 0.3 }, Verdict.Inconclusive)]     // 0.5 against 0.5: tie
    [TestCase(new[] { 0.5, 0.505, 0.3, 0.3, 0.3 }, Verdict.Inconclusive)]   // a lead of 0.005 < 0.01: tie
    [TestCase(new[] { 0.37, 0.375, 0.37, 0.371, 0.3795 }, Verdict.Inconclusive)] // Last.FM NCF's 0.0004 lead is a tie
    public void Monosemanticity_is_balanced_only_beyond_the_margin(double[] ms, Verdict expected) =>
        Claim.Rule([new PredictionWeightSweep("MF MS", PredictionWeights, ms)]).Verdict.Should().Be(expected);

    /// <summary>The numbers name the best λ_pred and both ends; one failing sweep fails the claim, ties alone leave it inconclusive.</summary>
    [Test]
    public void Every_sweep_must_pass()
    {
        var good = new PredictionWeightSweep("MF MS", PredictionWeights, [0.3, 0.5, 0.4, 0.35, 0.32]);
        var tie = new PredictionWeightSweep("NCF MS", PredictionWeights, [0.5, 0.5, 0.3, 0.3, 0.3]);
        var bad = new PredictionWeightSweep("NCF MS", PredictionWeights, [0.3, 0.4, 0.4, 0.4, 0.5]);
        var row = Claim.Rule([good, tie]);
        row.Verdict.Should().Be(Verdict.Inconclusive);
        row.OurNumbers.Should().StartWith("MF MS: max MS 0.5 at λ_pred = 1 (λ_pred = 0: 0.3, λ_pred = 10: 0.32)");
        Claim.Rule([good, tie, bad]).Verdict.Should().Be(Verdict.NotReproduced);
        Claim.Rule([]).Verdict.Should().Be(Verdict.Pending);
    }
}
