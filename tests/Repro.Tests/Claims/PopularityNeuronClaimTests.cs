using FluentAssertions;
using NUnit.Framework;
using Repro.Analysis;
using Repro.Claims;
using static Repro.Tests.Claims.Evidence;
using Repro.Recommenders;

namespace Repro.Tests.Claims;

/// <summary>Hand-computed cases of <see cref="Repro.Claims.PopularityNeuronClaim"/>: a pass, a fail, the boundary, and reading its series by name.</summary>
public class PopularityNeuronClaimTests
{
    private static readonly PopularityNeuronClaim Claim = new();

    /// <summary>The popularity neuron's mean rank against the median live neuron's: 400 / median(400, 900, 1000) = 0.44 ≤ 0.6 passes, and the numbers say so.</summary>
    [Test]
    public void A_neuron_well_below_the_median_passes()
    {
        var good = new PopularityNeuronResult(500, 3706, [900.0, 400.0, double.NaN, 1000.0], 1);
        var row = Claim.Rule([("ml-1m MF", good)]);
        row.Verdict.Should().Be(Verdict.Reproduced);
        // 400 / 3706 = 10.79 %; ratio 400 / 900 = 0.444.
        row.OurNumbers.Should().Be("ml-1m MF: neuron 1, mean rank 400 (10.8 % of 3706, K = 500) vs median neuron 900 (ratio 0.44); paper ML-1M: MF 16.1 %, NCF 17.4 %");
    }

    /// <summary>One model at 600 / median(600, 800, 900, 1000) = 600 / 850 = 0.71 &gt; 0.6 fails the claim.</summary>
    [Test]
    public void One_model_above_the_ratio_fails()
    {
        var good = new PopularityNeuronResult(500, 3706, [900.0, 400.0, double.NaN, 1000.0], 1);
        var bad = new PopularityNeuronResult(500, 3706, [800.0, 600.0, 900.0, 1000.0], 1);
        var row = Claim.Rule([("MF", good), ("NCF", bad)]);
        row.Verdict.Should().Be(Verdict.NotReproduced);
        row.OurNumbers.Should().Contain("ratio 0.44").And.Contain("ratio 0.71");
    }

    /// <summary>The limit is inclusive with no tie band: 600 / median(600, 1000, 1000) = 0.6 passes, 601 / 1000 fails; no model leaves it pending.</summary>
    [TestCase(600.0, Verdict.Reproduced)]
    [TestCase(601.0, Verdict.NotReproduced)]
    public void Ratio_at_the_limit(double popular, Verdict expected)
    {
        Claim.Rule([("MF", new PopularityNeuronResult(500, 3706, [popular, 1000.0, 1000.0], 0))]).Verdict.Should().Be(expected);
        Claim.Rule([]).Verdict.Should().Be(Verdict.Pending);
    }

    /// <summary>Through the evidence, the claim reads every paper cell's popularity neuron, in the paper's cell order, labelled by cell.</summary>
    [Test]
    public void Reads_every_paper_cell_in_order()
    {
        var row = Claim.Rule(With(concepts: c => Concepts(c, popularity: new PopularityNeuronResult(50, 100, [10.0, 50.0, 60.0], 0))));
        row.Verdict.Should().Be(Verdict.Reproduced);
        row.OurNumbers.Split("; ").Take(4).Select(p => p[..p.IndexOf(':', StringComparison.Ordinal)])
            .Should().Equal("ml-1m MF", "ml-1m NCF", "lastfm MF", "lastfm NCF");
    }
}
