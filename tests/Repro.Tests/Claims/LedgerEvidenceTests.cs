using FluentAssertions;
using NUnit.Framework;
using Repro.Claims;
using static Repro.Tests.Claims.Evidence;
using Repro.Recommenders;
using Repro.Data;

namespace Repro.Tests.Claims;

/// <summary>Unit tests of <see cref="Repro.Claims.LedgerEvidence"/> against hand-computed values.</summary>
public class LedgerEvidenceTests
{
    /// <summary>A series whose cell the results lack is an error naming the claim, the series and the cells there are.</summary>
    [Test]
    public void A_missing_cell_names_the_series_and_the_cells_present()
    {
        var evidence = With(cells: [PaperCells[0]]);
        var act = () => evidence.Read(new GoldenAgeNeuronClaim(), new SeriesName(DatasetName.LastFm, RecommenderKind.NCF, "anything"), c => c.Label);
        act.Should().Throw<KeyNotFoundException>().WithMessage("Claim 11 reads 'lastfm NCF anything': no lastfm NCF cell among the results (cells: ml-1m MF)");
        evidence.Read(new GoldenAgeNeuronClaim(), new SeriesName(DatasetName.Ml1m, RecommenderKind.MF, "label"), c => c.Label).Should().Be("ml-1m MF");
    }

    /// <summary>A lookup by name finds the one element with that name, and names what there is when there is none or several.</summary>
    [Test]
    public void Named_finds_exactly_one()
    {
        string[] concepts = ["Horror", "Action", "Action"];
        LedgerEvidence.Named(concepts, c => c, "Horror", "suppression of").Should().Be("Horror");
        var none = () => LedgerEvidence.Named(concepts, c => c, "Drama", "suppression of");
        none.Should().Throw<KeyNotFoundException>().WithMessage("no suppression of 'Drama' (has: Horror, Action, Action)");
        var two = () => LedgerEvidence.Named(concepts, c => c, "Action", "suppression of");
        two.Should().Throw<KeyNotFoundException>().WithMessage("suppression of 'Action' is ambiguous (has: Horror, Action, Action)");
    }
}
