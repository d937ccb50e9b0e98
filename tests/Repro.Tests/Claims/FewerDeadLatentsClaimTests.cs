using FluentAssertions;
using NUnit.Framework;
using Repro.Claims;
using static Repro.Tests.Claims.Evidence;

namespace Repro.Tests.Claims;

/// <summary>Hand-computed cases of <see cref="Repro.Claims.FewerDeadLatentsClaim"/>: a pass, a fail, the boundary, and reading its series by name.</summary>
public class FewerDeadLatentsClaimTests
{
    private static readonly FewerDeadLatentsClaim Claim = new();

    private static DeadLatentComparison C(double kl, double top, double klL0 = 10, double topL0 = 10.5) => new("x", kl, klL0, top, topL0);

    /// <summary>KL ahead by ≥ 0.02 (inclusive) in a matched comparison passes: 0.05 against 0.2, and 0 against 0.02.</summary>
    [Test]
    public void KL_ahead_by_the_margin_passes()
    {
        Claim.Rule([C(0.05, 0.2)]).Verdict.Should().Be(Verdict.Reproduced);  // |10 − 10.5| ≤ 1.05: matched
        Claim.Rule([C(0, 0.02)]).Verdict.Should().Be(Verdict.Reproduced);    // 0.02 ≥ 0 + 0.02: at the margin
        Claim.Rule([C(0, 0), C(0.01, 0.2)]).Verdict.Should().Be(Verdict.Reproduced);
    }

    /// <summary>Top-K ahead by the margin in any comparison refutes, whatever the others show.</summary>
    [Test]
    public void Top_k_ahead_by_the_margin_fails()
    {
        Claim.Rule([C(0.05, 0.2), C(0.3, 0.2)]).Verdict.Should().Be(Verdict.NotReproduced);
        Claim.Rule([C(0.02, 0)]).Verdict.Should().Be(Verdict.NotReproduced);
    }

    /// <summary>Differences inside the margin (0 against 0, 0 against 0.019) are ties: inconclusive.</summary>
    [Test]
    public void Differences_inside_the_margin_are_ties()
    {
        var row = Claim.Rule([C(0, 0), C(0, 0.019)]);
        row.Verdict.Should().Be(Verdict.Inconclusive);
        row.OurNumbers.Should().StartWith("x: dead rate KL 0.000 vs Top-K 0.000, L0 10 vs 10.5; ");
    }

    /// <summary>L0 within 10 % of Top-K's is matched (|11 − 10| = 1 ≤ 1.0); beyond it the comparison is left out, and with none left the claim is not applicable.</summary>
    [Test]
    public void Unmatched_L0_is_left_out()
    {
        Claim.Rule([C(0, 0.2, klL0: 11, topL0: 10)]).Verdict.Should().Be(Verdict.Reproduced);
        var row = Claim.Rule([C(0, 0.2, klL0: 11.01, topL0: 10)]);
        row.Verdict.Should().Be(Verdict.NotApplicable);
        row.OurNumbers.Should().EndWith("(L0 not matched: left out)");
    }

    /// <summary>The claim reads the comparisons of deviation D12 by cell and width; one the results do not run is an error naming it and the ones they do.</summary>
    [Test]
    public void A_comparison_the_results_do_not_run_is_named()
    {
        Claim.Reads.Select(s => s.ToString()).Should().Equal(
            "ml-1m MF KL vs Top-K at m", "ml-1m NCF KL vs Top-K at m", "lastfm MF KL vs Top-K at m", "ml-1m MF KL vs Top-K at 4 × m");
        var act = () => Claim.Rule(With(klTopKComparisons: [(PaperCells[1], 1)]));
        act.Should().Throw<KeyNotFoundException>()
            .WithMessage("Claim 6 reads 'ml-1m MF KL vs Top-K at m': no KL-versus-Top-K comparison at 1 × m (compared: ml-1m NCF at 1 × m)");
    }
}
