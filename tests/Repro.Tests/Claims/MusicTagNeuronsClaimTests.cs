using FluentAssertions;
using NUnit.Framework;
using Repro.Claims;
using static Repro.Tests.Claims.Evidence;

namespace Repro.Tests.Claims;

/// <summary>Hand-computed cases of <see cref="Repro.Claims.MusicTagNeuronsClaim"/>: a pass, a fail, the boundary, and reading its series by name.</summary>
public class MusicTagNeuronsClaimTests
{
    private static readonly MusicTagNeuronsClaim Claim = new();

    /// <summary>Each of the four families at purity@10 ≥ 0.9 in every model passes; 0.9 itself counts and "metal*" is metal.</summary>
    [Test]
    public void Four_families_at_0_9_in_every_model_pass()
    {
        var ok = Purity("tag family", ("metal*", 0.9), ("electronic", 1.0), ("folk", 0.9), ("country", 1.0), ("pop", 0.3));
        var row = Claim.Rule([("lastfm MF", ok), ("lastfm NCF", ok)]);
        row.Verdict.Should().Be(Verdict.Reproduced);
        row.OurNumbers.Should().StartWith("p@10 lastfm MF: metal 0.90, electronic 1.00, folk 0.90, country 1.00; lastfm NCF:");
        row.Reason.Should().Be("test: each of the 4 families p@10 >= 0.9 in every Last.FM model supplied");
    }

    /// <summary>One family at 0.8 in one model fails the claim; there is no tie band.</summary>
    [Test]
    public void One_family_below_0_9_in_one_model_fails()
    {
        var ok = Purity("tag family", ("metal", 0.9), ("electronic", 1.0), ("folk", 0.9), ("country", 1.0));
        var low = Purity("tag family", ("metal", 0.8), ("electronic", 1.0), ("folk", 0.9), ("country", 1.0));
        Claim.Rule([("lastfm MF", ok), ("lastfm NCF", low)]).Verdict.Should().Be(Verdict.NotReproduced);
    }

    /// <summary>A missing family makes the claim not applicable, naming the family; no model at all leaves it pending.</summary>
    [Test]
    public void A_missing_family_is_not_applicable_and_no_model_is_pending()
    {
        var missing = Purity("tag family", ("metal", 1.0), ("electronic", 1.0), ("folk", 0.9));
        var row = Claim.Rule([("lastfm MF", missing)]);
        row.Verdict.Should().Be(Verdict.NotApplicable);
        row.Reason.Should().Be("lastfm MF has no 'country' family (has: metal, electronic, folk)");
        Claim.Rule([]).Verdict.Should().Be(Verdict.Pending);
    }

    /// <summary>Through the evidence, the claim reads the tag families of the Last.FM MF and NCF cells, labelled by cell; a missing cell is an error naming it.</summary>
    [Test]
    public void Reads_every_lastfm_cell_and_names_a_missing_one()
    {
        var ok = Purity("tag family", ("metal", 1.0), ("electronic", 1.0), ("folk", 1.0), ("country", 1.0));
        Claim.Rule(With(concepts: c => Concepts(c, [ok]))).OurNumbers.Should().Contain("lastfm MF: metal 1.00").And.Contain("lastfm NCF: metal 1.00");
        var noNcf = () => Claim.Rule(With(cells: [.. PaperCells.Where(c => c.Label != "lastfm NCF")], concepts: c => Concepts(c, [ok])));
        noNcf.Should().Throw<KeyNotFoundException>()
            .WithMessage("Claim 2 reads 'lastfm NCF tag family purity': no lastfm NCF cell among the results (cells: ml-1m MF, ml-1m NCF, lastfm MF)");
    }
}
