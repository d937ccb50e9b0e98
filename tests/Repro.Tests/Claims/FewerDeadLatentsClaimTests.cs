using FluentAssertions;
using NUnit.Framework;
using Repro.Claims;
using static Repro.Tests.Claims.Evidence;

namespace Repro.Tests.Claims;

/// <summary>
/// <see cref="FewerDeadLatentsClaim"/>: dead and nearly dead latents decide (exact counts), FVU and RBO are reported
/// against their margins; the paper's statement as numbers passes, equal counts tie, Top-K ahead fails.
/// </summary>
public class FewerDeadLatentsClaimTests
{
    private static readonly FewerDeadLatentsClaim Claim = new();

    // ml-1m MF m = 88 (margins: FVU 0.02, RBO 0.008).
    private static DeadLatentComparison C(int klDead, int topDead, int klNear = 0, int topNear = 0, double klL0 = 10, double topL0 = 10.5, double klFvu = 0.07, double topFvu = 0.04, double klRbo = 0.73, double topRbo = 0.76) =>
        new("ml-1m MF m = 88", new SparsityNumbers(88, klL0, klDead, klNear, klFvu, klRbo), new SparsityNumbers(88, topL0, topDead, topNear, topFvu, topRbo));

    /// <summary>KL ahead by one dead latent (0 against 1) in a matched comparison passes; nearly dead latents count too.</summary>
    [Test]
    public void KL_ahead_by_one_latent_passes()
    {
        Claim.Rule([C(0, 1)]).Verdict.Should().Be(Verdict.Reproduced);
        Claim.Rule([C(0, 0, klNear: 1, topNear: 3)]).Verdict.Should().Be(Verdict.Reproduced);
        Claim.Rule([C(0, 0), C(2, 5)]).Verdict.Should().Be(Verdict.Reproduced);
    }

    /// <summary>Top-K ahead by one latent in any comparison refutes, whatever the others show.</summary>
    [Test]
    public void Top_k_ahead_fails()
    {
        Claim.Rule([C(0, 5), C(1, 0)]).Verdict.Should().Be(Verdict.NotReproduced);
        Claim.Rule([C(0, 0, klNear: 2, topNear: 1)]).Verdict.Should().Be(Verdict.NotReproduced);
    }

    /// <summary>
    /// Equal counts (0 against 0, as every comparison of the suite measures) tie, and the row still reports Top-K's lead
    /// on FVU (0.07 − 0.04 = 0.03 &gt; margin 0.02 + band 0.02? no: a tie) and RBO (0.76 − 0.73 = 0.03 &gt; 0.008 + 0.03? no).
    /// </summary>
    [Test]
    public void Equal_counts_tie_and_fvu_and_rbo_are_reported()
    {
        var row = Claim.Rule([C(0, 0)]);
        row.Verdict.Should().Be(Verdict.Inconclusive);
        var reported = row.Checks.Where(c => !c.Check.Decides).Select(c => c.Check).ToList();
        reported.Select(c => c.Name).Should().Equal("ml-1m MF m = 88, FVU KL − Top-K (reported)", "ml-1m MF m = 88, RBO Top-K − KL (reported)");
        reported[0].Value.Should().BeApproximately(0.03, 1e-12);
        reported[0].Outcome.Should().Be(CheckOutcome.Tie);
        Claim.Rule([C(0, 0, klFvu: 0.1, topFvu: 0.04)]).Checks.Single(c => c.Check.Name.Contains("FVU", StringComparison.Ordinal)).Check.Outcome.Should().Be(CheckOutcome.Pass);
    }

    /// <summary>L0 within 10 % of Top-K's is matched (|11 − 10| = 1 ≤ 1.0); beyond it the comparison decides nothing, and with none left the claim is not applicable.</summary>
    [Test]
    public void Unmatched_L0_is_left_out()
    {
        Claim.Rule([C(0, 1, klL0: 11, topL0: 10)]).Verdict.Should().Be(Verdict.Reproduced);
        var row = Claim.Rule([C(0, 1, klL0: 11.01, topL0: 10)]);
        row.Verdict.Should().Be(Verdict.NotApplicable);
        row.Checks[0].Check.Name.Should().EndWith("(L0 11.01 vs 10: not matched, left out)");
    }

    /// <summary>
    /// The paper printed no Top-K numbers (its claim: KL is more stable than Top-K; the baseline is ours, D12). Its
    /// statement as numbers, KL with no dead latent where Top-K leaves several at the same L0, must pass.
    /// </summary>
    [Test]
    public void The_papers_statement_passes() =>
        Claim.Rule([C(0, 6, klNear: 0, topNear: 9)], NoiseBands.Printed).Verdict.Should().Be(Verdict.Reproduced);

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
