using FluentAssertions;
using NUnit.Framework;
using Repro.Analysis;
using Repro.Experiments;
using Repro.Claims;
using Repro.SparseAutoencoders;
using static Repro.Tests.Claims.Evidence;

namespace Repro.Tests.Claims;

/// <summary>Hand-computed cases of <see cref="Repro.Claims.MatryoshkaClaim"/>: a pass, a fail, the boundary, and reading its series by name.</summary>
public class MatryoshkaClaimTests
{
    private static readonly MatryoshkaClaim Claim = new();

    private static MatryoshkaResult Bands(double firstFrequency, double firstRank, double firstEntropy) => new(50, 50,
    [
        new("first m/4", 0, 20, firstFrequency, firstRank, firstEntropy, 1.0, "", double.NaN),
        new("next m/4", 20, 40, 0.35, 1300, 1.5, 1.0, "", double.NaN),
        new("last m/2", 40, 80, 0.3, 1400, 1.0, 1.0, "", double.NaN),
    ]);

    /// <summary>A first band denser (0.4 &gt; 0.3), more popular (rank 1200 &lt; 1400) and less specific (entropy 2 &gt; 1) than the last passes.</summary>
    [Test]
    public void Denser_more_popular_and_less_specific_first_band_passes()
    {
        var row = Claim.Rule("toy", Bands(0.4, 1200, 2));
        row.Verdict.Should().Be(Verdict.Reproduced);
        row.OurNumbers.Should().Be("toy first vs last band: frequency 0.4 vs 0.3, mean pop. rank 1200 vs 1400, entropy 2 vs 1 bits");
        row.Reason.Should().Be("test: denser yes, more popular yes, later more specific yes (all three needed)");
    }

    /// <summary>All three orderings are needed and each is strict: a tie on any one (frequency 0.3, rank 1400, entropy 1) fails, as does a reversal.</summary>
    [TestCase(0.3, 1200.0, 2.0, "denser no, more popular yes, later more specific yes")]
    [TestCase(0.4, 1400.0, 2.0, "denser yes, more popular no, later more specific yes")]
    [TestCase(0.4, 1200.0, 1.0, "denser yes, more popular yes, later more specific no")]
    [TestCase(0.2, 1500.0, 0.5, "denser no, more popular no, later more specific no")]
    public void Each_ordering_is_needed(double frequency, double rank, double entropy, string tests)
    {
        var row = Claim.Rule("toy", Bands(frequency, rank, entropy));
        row.Verdict.Should().Be(Verdict.NotReproduced);
        row.Reason.Should().Be($"test: {tests} (all three needed)");
    }

    /// <summary>Through the evidence, the claim reads the Last.FM MF hierarchy and labels it with that SAE's width.</summary>
    [Test]
    public void Reads_the_lastfm_mf_hierarchy_with_its_width()
    {
        var row = Claim.Rule(With(hierarchy: c => new HierarchyResult(c, SaeSettings.LastFmMfMatryoshka, Bands(0.4, 1200, 2), [20, 40, 80])));
        row.OurNumbers.Should().StartWith("lastfm MF Matryoshka m = 80 first vs last band:");
    }
}
