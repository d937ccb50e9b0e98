using FluentAssertions;
using NUnit.Framework;
using Repro.Interventions;
using Repro.Reporting;

namespace Repro.Tests.Interventions;

/// <summary>The rules of claims 7–9 on hand-made series.</summary>
public class InterventionClaimsTests
{
    private static readonly double[] SuppressGrid = [1, 0.5, 0, -0.5, -1, -1.5];
    private static readonly double[] NudgeGrid = [1, 1.5, 2, 2.5, 3, 3.5, 4];
    private static readonly double[] PromoteGrid = [0, 1, 2, 3, 4, 5];

    /// <summary>Claim 7 on hand-made suppression series (the paper's own series is reproduced by the rule).</summary>
    [TestCase(0.86, new[] { 0.64, 0.52, 0.34, 0.19, 0.09, 0.02 }, ClaimVerdict.Reproduced, TestName = "Suppression rule: the paper's series passes")]
    [TestCase(0.9, new[] { 0.5, 0.5, 0.1, 0.1, 0.1, 0.1 }, ClaimVerdict.Reproduced, TestName = "Suppression rule: flat steps are allowed")]
    [TestCase(0.86, new[] { 0.64, 0.70, 0.34, 0.19, 0.09, 0.02 }, ClaimVerdict.NotReproduced, TestName = "Suppression rule: a rise fails")]
    [TestCase(0.86, new[] { 0.64, 0.52, 0.34, 0.30, 0.30, 0.30 }, ClaimVerdict.NotReproduced, TestName = "Suppression rule: final above a quarter of Orig fails")]
    [TestCase(0.8, new[] { 0.6, 0.5, 0.4, 0.3, 0.2, 0.2 }, ClaimVerdict.NotReproduced, TestName = "Suppression rule: final exactly a quarter of Orig fails (strict)")]
    [TestCase(0.0, new[] { 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 }, ClaimVerdict.NotApplicable, TestName = "Suppression rule: Orig 0 is not applicable")]
    [TestCase(0.8, new[] { 0.6, double.NaN, 0.4, 0.3, 0.2, 0.1 }, ClaimVerdict.NotApplicable, TestName = "Suppression rule: a missing value is not applicable")]
    public void Suppression_rule(double orig, double[] shares, ClaimVerdict expected)
    {
        var ruling = InterventionClaims.Suppression(orig, SuppressGrid, shares);
        ruling.Claim.Should().Be(7);
        ruling.Verdict.Should().Be(expected, ruling.Why);
    }

    /// <summary>The suppression rule reads the series in decreasing v whatever order the grid is given in.</summary>
    [Test]
    public void Suppression_rule_orders_by_v()
    {
        // Same series as the paper's, grid given ascending (−1.5 … 1) with values reversed accordingly.
        var ruling = InterventionClaims.Suppression(0.86, SuppressGrid.Reverse().ToArray(), [0.02, 0.09, 0.19, 0.34, 0.52, 0.64]);
        ruling.Verdict.Should().Be(ClaimVerdict.Reproduced);
        ruling.OurNumber.Should().StartWith("Orig 0.86; v=1: 0.64");
    }

    /// <summary>Claim 8 on hand-made nudging series.</summary>
    [TestCase(new[] { 0.09, 0.15, 0.22, 0.32, 0.43, 0.57, 0.66 }, ClaimVerdict.Reproduced, TestName = "Nudging rule: the paper's series passes")]
    [TestCase(new[] { 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3 }, ClaimVerdict.Reproduced, TestName = "Nudging rule: a flat series is non-decreasing")]
    [TestCase(new[] { 0.1, 0.2, 0.15, 0.3, 0.4, 0.5, 0.6 }, ClaimVerdict.NotReproduced, TestName = "Nudging rule: a dip fails")]
    [TestCase(new[] { 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, double.NaN }, ClaimVerdict.NotApplicable, TestName = "Nudging rule: a missing value is not applicable")]
    public void Nudging_rule(double[] shares, ClaimVerdict expected)
    {
        var ruling = InterventionClaims.Nudging(0.04, NudgeGrid, shares);
        ruling.Claim.Should().Be(8);
        ruling.Verdict.Should().Be(expected, ruling.Why);
    }

    /// <summary>An empty series cannot be ruled on; a grid and series of different lengths is a caller error.</summary>
    [Test]
    public void Empty_or_mismatched_series()
    {
        InterventionClaims.Nudging(0, [], []).Verdict.Should().Be(ClaimVerdict.NotApplicable);
        FluentActions.Invoking(() => InterventionClaims.Nudging(0, [1, 2], [0.1])).Should().Throw<ArgumentException>();
    }

    /// <summary>Claim 9 on hand-made exposure series: the threshold 0.8 at v = 4 is inclusive.</summary>
    [TestCase(new[] { 0.0, 0.5, 0.7, 0.8, 0.8, 0.9 }, ClaimVerdict.Reproduced, TestName = "Promotion rule: exactly 0.8 at v=4 passes")]
    [TestCase(new[] { 0.0, 0.5, 0.7, 0.8, 0.79, 0.9 }, ClaimVerdict.NotReproduced, TestName = "Promotion rule: 0.79 at v=4 fails")]
    [TestCase(new[] { 0.0, 0.5, 0.7, 0.8, double.NaN, 0.9 }, ClaimVerdict.NotApplicable, TestName = "Promotion rule: no eligible user is not applicable")]
    public void Promotion_rule(double[] exposure, ClaimVerdict expected)
    {
        var ruling = InterventionClaims.Promotion(0.12, PromoteGrid, exposure);
        ruling.Claim.Should().Be(9);
        ruling.Verdict.Should().Be(expected, ruling.Why);
    }

    /// <summary>Without v = 4 in the grid claim 9 cannot be ruled on.</summary>
    [Test]
    public void Promotion_rule_needs_v_four()
    {
        InterventionClaims.Promotion(0.1, [0, 1, 2], [0.1, 0.9, 1]).Verdict.Should().Be(ClaimVerdict.NotApplicable);
    }

    /// <summary>The paper's own reported series satisfy the rules (a sanity check of the encoded numbers and the rules).</summary>
    [Test]
    public void Paper_series_satisfy_their_own_claims()
    {
        var h = PaperNumbers.Ml1mMfHorrorSuppression;
        InterventionClaims.Suppression(h.Orig, h.Grid, h.Values.Select(v => v!.Value).ToArray()).Verdict.Should().Be(ClaimVerdict.Reproduced);
        var n = PaperNumbers.Ml1mNcfChildrensNudging;
        InterventionClaims.Nudging(n.Orig, n.Grid, n.Values.Select(v => v!.Value).ToArray()).Verdict.Should().Be(ClaimVerdict.Reproduced);
        // NCF Action: 0.91 at v = 1 is above Orig, but the rule reads the grid only (0.91 ≥ 0.71 ≥ … ≥ 0.17) and 0.17 < 0.25 × 0.88 = 0.22.
        var a = PaperNumbers.Ml1mNcfActionSuppression;
        InterventionClaims.Suppression(a.Orig, a.Grid, a.Values.Select(v => v!.Value).ToArray()).Verdict.Should().Be(ClaimVerdict.Reproduced);
    }
}
