using FluentAssertions;
using NUnit.Framework;
using Repro.Analysis;
using Repro.Claims;
using static Repro.Tests.Claims.Evidence;

namespace Repro.Tests.Claims;

/// <summary>
/// <see cref="PopularityNeuronClaim"/>: hand-computed cases, the paper's own numbers (they must pass), an untrained SAE's
/// (they must not), and reading its series by name.
/// </summary>
public class PopularityNeuronClaimTests
{
    private static readonly PopularityNeuronClaim Claim = new();

    /// <summary>The popularity neuron's mean rank against the median live neuron's: 400 / median(400, 900, 1000) = 0.44 ≤ 0.6 passes; its share of the catalogue is reported.</summary>
    [Test]
    public void A_neuron_well_below_the_median_passes()
    {
        var good = new PopularityNeuronResult(500, 3706, [900.0, 400.0, double.NaN, 1000.0], 1);
        var row = Claim.Rule([("ml-1m MF", good)]);
        row.Verdict.Should().Be(Verdict.Reproduced);
        row.Checks.Select(c => (c.Check.Name, c.Check.Value, c.Check.Decides)).Should().Equal(
            ("ml-1m MF neuron 1: top-500 mean rank / median neuron's", 400.0 / 900, true),
            ("ml-1m MF neuron 1: top-500 mean rank / catalogue (3706)", 400.0 / 3706, false));
    }

    /// <summary>One model at 600 / median(600, 800, 900, 1000) = 600 / 850 = 0.71 &gt; 0.6 fails the claim.</summary>
    [Test]
    public void One_model_above_the_ratio_fails()
    {
        var good = new PopularityNeuronResult(500, 3706, [900.0, 400.0, double.NaN, 1000.0], 1);
        var bad = new PopularityNeuronResult(500, 3706, [800.0, 600.0, 900.0, 1000.0], 1);
        var row = Claim.Rule([("MF", good), ("NCF", bad)]);
        row.Verdict.Should().Be(Verdict.NotReproduced);
        row.OurNumbers.Should().Be("0 fail: NCF neuron 1: top-500 mean rank / median neuron's");
    }

    /// <summary>The limit is inclusive with no tie band: 600 / median(600, 1000, 1000) = 0.6 passes, 601 / 1000 fails; no model leaves it pending.</summary>
    [TestCase(600.0, Verdict.Reproduced)]
    [TestCase(601.0, Verdict.NotReproduced)]
    public void Ratio_at_the_limit(double popular, Verdict expected)
    {
        Claim.Rule([("MF", new PopularityNeuronResult(500, 3706, [popular, 1000.0, 1000.0], 0))]).Verdict.Should().Be(expected);
        Claim.Rule([]).Verdict.Should().Be(Verdict.Pending);
    }

    /// <summary>
    /// The paper's numbers (PAPER-NUMBERS, "Popularity neurons", ML-1M, top-500 of 3,706): MF best neuron 595, the others
    /// from 1,060 to 2,282; NCF 644, others 733 to 3,036. Only the extremes are printed, so the fixture spreads the
    /// other 21 neurons evenly between them (the median of the 22 lies between the 10th and 11th of them: MF 595 / 1,640.45
    /// = 0.36, NCF 644 / 1,826.9 = 0.35).
    /// The rule must pass them.
    /// </summary>
    [Test]
    public void The_papers_own_numbers_pass()
    {
        static PopularityNeuronResult Paper(double best, double low, double high) =>
            new(500, 3706, [best, .. Enumerable.Range(0, 21).Select(i => low + ((high - low) * i / 20))], 0);
        var row = Claim.Rule([("paper ML-1M MF", Paper(595, 1060, 2282)), ("paper ML-1M NCF", Paper(644, 733, 3036))], NoiseBands.Printed);
        row.Verdict.Should().Be(Verdict.Reproduced);
        row.Checks[0].Check.Value.Should().BeApproximately(595 / (1060 + (9.5 * (2282 - 1060) / 20.0)), 1e-12);
    }

    /// <summary>
    /// Control: neurons with no popularity structure, every top-500 at the catalogue's mean rank (3,705 / 2) give a ratio
    /// of 1 in every model, and the rule must not pass them.
    /// </summary>
    [Test]
    public void Neurons_without_popularity_structure_do_not_pass()
    {
        var flat = new PopularityNeuronResult(500, 3706, [.. Enumerable.Repeat(1852.5, 22)], 0);
        Claim.Rule([("MF", flat), ("NCF", flat)]).Verdict.Should().Be(Verdict.NotReproduced);
    }

    /// <summary>Through the evidence, the claim reads every paper cell's popularity neuron, in the paper's cell order, labelled by cell.</summary>
    [Test]
    public void Reads_every_paper_cell_in_order()
    {
        var row = Claim.Rule(With(concepts: c => Concepts(c, popularity: new PopularityNeuronResult(50, 100, [10.0, 50.0, 60.0], 0))));
        row.Verdict.Should().Be(Verdict.Reproduced);
        row.Checks.Where(c => c.Check.Decides).Select(c => c.Check.Name[..c.Check.Name.IndexOf(" neuron", StringComparison.Ordinal)])
            .Should().Equal("ml-1m MF", "ml-1m NCF", "lastfm MF", "lastfm NCF");
    }
}
