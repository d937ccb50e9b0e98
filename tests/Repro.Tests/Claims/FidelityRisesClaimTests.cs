using FluentAssertions;
using NUnit.Framework;
using Repro.Claims;

namespace Repro.Tests.Claims;

/// <summary>Hand-computed cases of <see cref="Repro.Claims.FidelityRisesClaim"/>: a pass, a fail, the boundary, and reading its series by name.</summary>
public class FidelityRisesClaimTests
{
    private static readonly FidelityRisesClaim Claim = new();
    private static readonly double[] PredictionWeights = [0, 1, 2, 5, 10];

    /// <summary>A sweep whose end beats its start by ≥ 0.05 with a positive Spearman ρ passes; a dip between neighbours is allowed.</summary>
    [Test]
    public void A_rise_beyond_the_margin_with_positive_rank_correlation_passes()
    {
        var up = new PredictionWeightSweep("MF RBO", PredictionWeights, [0.5, 0.6, 0.55, 0.7, 0.8]); // +0.3, ρ = 0.9
        var row = Claim.Rule([up]);
        row.Verdict.Should().Be(Verdict.Reproduced);
        row.OurNumbers.Should().Be("MF RBO: 0.5 -> 0.8, Spearman 0.90");
    }

    /// <summary>An end below the start fails, and so does an end above the start without rank correlation (ρ = 0), in any one sweep.</summary>
    [Test]
    public void A_fall_or_no_rank_correlation_fails()
    {
        var up = new PredictionWeightSweep("MF RBO", PredictionWeights, [0.5, 0.6, 0.55, 0.7, 0.8]);
        var endLower = new PredictionWeightSweep("NCF tau", PredictionWeights, [0.8, 0.6, 0.7, 0.6, 0.7]);
        Claim.Rule([up, endLower]).Verdict.Should().Be(Verdict.NotReproduced);
        // Value ranks 1,5,4,3,2 against 1..5: d = 0,−3,−1,1,3, Σd² = 20 → ρ = 1 − 6·20/(5·24) = 0, not > 0.
        var hump = new PredictionWeightSweep("MF tau", PredictionWeights, [0.5, 0.9, 0.8, 0.7, 0.55]);
        Claim.Rule([hump]).Verdict.Should().Be(Verdict.NotReproduced);
    }

    /// <summary>The margin is inclusive: a rise of 0.05 with ρ = 1 passes, a rise of 0.049 is a tie (inconclusive), which a failing sweep outweighs.</summary>
    [Test]
    public void A_rise_inside_the_margin_is_a_tie()
    {
        var atMargin = new PredictionWeightSweep("MF RBO", PredictionWeights, [0.50, 0.51, 0.52, 0.53, 0.55]);
        Claim.Rule([atMargin]).Verdict.Should().Be(Verdict.Reproduced);
        var inside = new PredictionWeightSweep("MF RBO", PredictionWeights, [0.50, 0.51, 0.52, 0.53, 0.549]);
        Claim.Rule([atMargin, inside]).Verdict.Should().Be(Verdict.Inconclusive);
        Claim.Rule([inside, new PredictionWeightSweep("NCF tau", PredictionWeights, [0.8, 0.6, 0.7, 0.6, 0.7])]).Verdict.Should().Be(Verdict.NotReproduced);
    }

    /// <summary>The ends are the smallest and largest λ_pred wherever they sit in the lists; no sweep leaves the claim pending.</summary>
    [Test]
    public void Ends_are_found_by_beta_not_position()
    {
        var shuffled = new PredictionWeightSweep("MF RBO", [10, 0, 5, 1, 2], [0.8, 0.5, 0.7, 0.6, 0.55]);
        shuffled.Ends().Should().Be((1, 0));
        Claim.Rule([shuffled]).OurNumbers.Should().Be("MF RBO: 0.5 -> 0.8, Spearman 0.90");
        Claim.Rule([]).Verdict.Should().Be(Verdict.Pending);
    }
}
