using FluentAssertions;
using NUnit.Framework;
using Repro.Analysis;
using Repro.Experiments;
using Repro.Claims;
using Repro.SparseAutoencoders;
using static Repro.Tests.Claims.Evidence;

namespace Repro.Tests.Claims;

/// <summary>
/// <see cref="MatryoshkaClaim"/>: each first-versus-last difference of the Matryoshka SAE minus the same difference in
/// its plain control must clear its margin; the paper's statement passes, a control against itself does not.
/// </summary>
public class MatryoshkaClaimTests
{
    private static readonly MatryoshkaClaim Claim = new();
    private static double M(string what) => NoiseMargins.Of(MatryoshkaClaim.MarginName(what));

    // A band summary: first band (frequency, mean popularity rank, median best-tag base rate), last band 0.3, 1400, 0.05.
    private static MatryoshkaResult Bands(double firstFrequency, double firstRank, double firstBaseRate, double firstEntropy = 1.0) => new(50, 50,
    [
        new("first m/4", 0, 20, firstFrequency, firstRank, firstEntropy, 1.0, "", double.NaN) { MedianTagBaseRate = firstBaseRate },
        new("next m/4", 20, 40, 0.3, 1400, 1.0, 1.0, "", double.NaN) { MedianTagBaseRate = 0.05 },
        new("last m/2", 40, 80, 0.3, 1400, 1.0, 1.0, "", double.NaN) { MedianTagBaseRate = 0.05 },
    ]);

    private static HierarchyResult H(MatryoshkaResult matryoshka, MatryoshkaResult? control) =>
        new(PaperCells[2], SaeSettings.LastFmMfMatryoshka, matryoshka, [20, 40, 80]) { Control = control, ControlSae = SaeSettings.LastFmMfMatryoshka with { Variant = SaeVariant.Plain } };

    // The control: a plain SAE's arbitrary bands, all alike.
    private static readonly MatryoshkaResult Plain = Bands(0.3, 1400, 0.05);

    /// <summary>
    /// A first band denser, more popular and less specific than the last, each by more than its margin beyond what the
    /// control shows, passes; the checks name the three comparisons and report the entropy one.
    /// </summary>
    [Test]
    public void Denser_more_popular_and_less_specific_first_band_passes()
    {
        var row = Claim.Rule("toy", H(Bands(0.3 + (2 * M("frequency")), 1400 - (2 * M("popularity rank")), 0.05 + (2 * M("tag base rate"))), Plain));
        row.Verdict.Should().Be(Verdict.Reproduced);
        row.Checks.Select(c => c.Check.Decides).Should().Equal(true, true, true, false);
        row.Checks[0].Check.Name.Should().Be("toy, first − last band: activation frequency, Matryoshka − control");
    }

    /// <summary>All three are needed: a difference inside its margin ties, one the other way beyond it fails.</summary>
    [Test]
    public void Each_comparison_is_needed()
    {
        double f = 0.3 + (2 * M("frequency")), r = 1400 - (2 * M("popularity rank")), b = 0.05 + (2 * M("tag base rate"));
        Claim.Rule("toy", H(Bands(0.3 + (M("frequency") / 2), r, b), Plain)).Verdict.Should().Be(Verdict.Inconclusive);
        Claim.Rule("toy", H(Bands(f, r, 0.05 - (2 * M("tag base rate"))), Plain)).Verdict.Should().Be(Verdict.NotReproduced);
    }

    /// <summary>The difference is taken against the control's: a Matryoshka gap the control shows as well is no evidence (a tie).</summary>
    [Test]
    public void A_gap_the_control_shows_too_is_no_evidence()
    {
        var gapped = Bands(0.3 + (2 * M("frequency")), 1400 - (2 * M("popularity rank")), 0.05 + (2 * M("tag base rate")));
        Claim.Rule("toy", H(gapped, gapped)).Verdict.Should().Be(Verdict.Inconclusive);
    }

    /// <summary>
    /// The paper printed no band numbers (its Matryoshka SAE is Last.FM MF, m = 80); its statement as numbers, a first
    /// band clearly denser, more popular and broader than the last against an orderless control, must pass: gaps 0.3 in
    /// frequency, 500 in popularity rank and 0.3 in the median best-tag base rate (first band's best tags as common as
    /// "rock", the last band's as rare as "folk"), each beyond its margin (0.02, 200, 0.2).
    /// </summary>
    [Test]
    public void The_papers_statement_passes() =>
        Claim.Rule(("paper", H(Bands(0.6, 900, 0.35), Plain)), NoiseBands.Printed).Verdict.Should().Be(Verdict.Reproduced);

    /// <summary>Through the evidence, the claim reads the Last.FM MF hierarchy and labels it with that SAE's width.</summary>
    [Test]
    public void Reads_the_lastfm_mf_hierarchy_with_its_width()
    {
        var row = Claim.Rule(With(hierarchy: c => H(Plain, Plain) with { Setting = c }));
        row.Checks[0].Check.Name.Should().StartWith("lastfm MF Matryoshka m = 80, first − last band:");
    }
}
