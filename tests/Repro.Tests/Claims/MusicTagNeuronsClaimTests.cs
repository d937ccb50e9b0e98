using FluentAssertions;
using NUnit.Framework;
using Repro.Claims;
using static Repro.Tests.Claims.Evidence;

namespace Repro.Tests.Claims;

/// <summary>
/// <see cref="MusicTagNeuronsClaim"/>: hand-computed cases, the paper's own evidence (it must pass), an untrained SAE's
/// purities (they must not), the one-item notes, and reading its series by name.
/// </summary>
public class MusicTagNeuronsClaimTests
{
    private static readonly MusicTagNeuronsClaim Claim = new();

    /// <summary>Metal, electronic and folk at purity@10 ≥ 0.9 in every model pass; 0.9 itself counts ("turns on one item of 10"), "metal*" is metal, and country is only reported.</summary>
    [Test]
    public void Three_families_at_0_9_in_every_model_pass()
    {
        var ok = Purity("tag family", ("metal*", 0.9), ("electronic", 1.0), ("folk", 1.0), ("country", 0.1), ("pop", 0.3));
        var row = Claim.Rule([("lastfm MF", ok), ("lastfm NCF", ok)]);
        row.Verdict.Should().Be(Verdict.Reproduced);
        row.OurNumbers.Should().Be("0 pass: lastfm MF metal p@10 (turns on one item of 10), lastfm NCF metal p@10 (turns on one item of 10)");
        row.Checks.Should().HaveCount(8).And.ContainSingle(c => c.Check.Name == "lastfm MF country p@10" && !c.Check.Decides);
    }

    /// <summary>One deciding family at 0.8 in one model fails the claim; there is no tie band.</summary>
    [Test]
    public void One_family_below_0_9_in_one_model_fails()
    {
        var ok = Purity("tag family", ("metal", 0.9), ("electronic", 1.0), ("folk", 0.9), ("country", 1.0));
        var low = Purity("tag family", ("metal", 0.8), ("electronic", 1.0), ("folk", 0.9), ("country", 1.0));
        Claim.Rule([("lastfm MF", ok), ("lastfm NCF", low)]).Verdict.Should().Be(Verdict.NotReproduced);
    }

    /// <summary>A missing deciding family is undefined (a tie, naming the families there are); no model at all leaves the claim pending.</summary>
    [Test]
    public void A_missing_family_is_a_tie_and_no_model_is_pending()
    {
        var missing = Purity("tag family", ("metal", 1.0), ("electronic", 1.0), ("country", 0.9));
        var row = Claim.Rule([("lastfm MF", missing)]);
        row.Verdict.Should().Be(Verdict.Inconclusive);
        row.OurNumbers.Should().Be("0 tie: lastfm MF folk p@10 (no such family; has: metal, electronic, country)");
        Claim.Rule([]).Verdict.Should().Be(Verdict.Pending);
    }

    /// <summary>
    /// The paper's evidence (PAPER-NUMBERS, "Purity"): on its Last.FM, electronic, metal and folk neurons reach 1.00 at
    /// K = 10 ("often"; no table, no number for country). The rule must pass it.
    /// </summary>
    [Test]
    public void The_papers_own_evidence_passes()
    {
        var paper = Purity("tag family", ("metal", 1.0), ("electronic", 1.0), ("folk", 1.0));
        Claim.Rule([("the paper's Last.FM", paper)], NoiseBands.Printed).Verdict.Should().Be(Verdict.Reproduced);
    }

    /// <summary>
    /// Control: an SAE at its initial weights (0 steps) on the seed-42 Last.FM recommenders, measured by this suite
    /// (best neuron's purity@10 per family). The rule must not pass it.
    /// </summary>
    [Test]
    public void An_untrained_SAE_does_not_pass()
    {
        var mf = Purity("tag family", ("metal", 0.5), ("electronic", 0.3), ("folk", 0.1), ("country", 0.1));
        var ncf = Purity("tag family", ("metal", 0.5), ("electronic", 0.3), ("folk", 0.1), ("country", 0.1));
        Claim.Rule([("lastfm MF", mf), ("lastfm NCF", ncf)]).Verdict.Should().Be(Verdict.NotReproduced);
    }

    /// <summary>Through the evidence, the claim reads the tag families of the Last.FM MF and NCF cells, labelled by cell; a missing cell is an error naming it.</summary>
    [Test]
    public void Reads_every_lastfm_cell_and_names_a_missing_one()
    {
        var ok = Purity("tag family", ("metal", 1.0), ("electronic", 1.0), ("folk", 1.0), ("country", 1.0));
        Claim.Rule(With(concepts: c => Concepts(c, [ok]))).Checks.Select(c => c.Check.Name).Should().Contain(["lastfm MF metal p@10", "lastfm NCF metal p@10"]);
        var noNcf = () => Claim.Rule(With(cells: [.. PaperCells.Where(c => c.Label != "lastfm NCF")], concepts: c => Concepts(c, [ok])));
        noNcf.Should().Throw<KeyNotFoundException>()
            .WithMessage("Claim 2 reads 'lastfm NCF tag family purity': no lastfm NCF cell among the results (cells: ml-1m MF, ml-1m NCF, lastfm MF)");
    }
}
