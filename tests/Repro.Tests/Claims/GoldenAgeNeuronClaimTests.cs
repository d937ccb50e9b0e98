using FluentAssertions;
using NUnit.Framework;
using Repro.Analysis;
using Repro.Claims;
using static Repro.Tests.Claims.Evidence;

namespace Repro.Tests.Claims;

/// <summary>
/// <see cref="GoldenAgeNeuronClaim"/>: hand-computed cases, the paper's statement as numbers (it must pass), an
/// untrained SAE's era shares (they must not), and reading its series by name.
/// </summary>
public class GoldenAgeNeuronClaimTests
{
    private static readonly GoldenAgeNeuronClaim Claim = new();

    // Two neurons, two buckets; the golden-age neuron is neuron 1 with the given pre-1970 share of its top 200.
    private static EraNeuronsResult Era(double share, int neuron = 1) =>
        new(200, ["<=1969", "1970s"], [0.15, 0.85], new double[,] { { 0.1, 0.9 }, { share, 1 - share } }, 0, neuron);

    /// <summary>Over half of the golden-age neuron's top K before 1970 passes: 0.74 of 200.</summary>
    [Test]
    public void A_majority_before_1970_passes()
    {
        var row = Claim.Rule(Era(0.74));
        row.Verdict.Should().Be(Verdict.Reproduced);
        row.Checks.Single().Check.Name.Should().Be("ml-1m MF neuron 1: share of its top 200 in <=1969");
    }

    /// <summary>"Over half" is strict with no tie band: exactly 0.5 fails, 0.505 passes (one item of 200 from failing: the row says so); every neuron dead (NaN share) is undefined, a tie.</summary>
    [TestCase(0.5, Verdict.NotReproduced)]
    [TestCase(0.505, Verdict.Reproduced)]
    [TestCase(0.3, Verdict.NotReproduced)]
    public void Share_at_one_half(double share, Verdict expected)
    {
        Claim.Rule(Era(share)).Verdict.Should().Be(expected);
        Claim.Rule(Era(0.9, neuron: -1)).Verdict.Should().Be(Verdict.Inconclusive);
        Claim.Rule(Era(0.505)).OurNumbers.Should().EndWith("(turns on one item of 200)");
    }

    /// <summary>The paper printed no era numbers; its statement (SPEC §7: over half of the top 200 before 1970) as a number, 0.6, must pass.</summary>
    [Test]
    public void The_papers_statement_passes() => Claim.Rule(Era(0.6), NoiseBands.Printed).Verdict.Should().Be(Verdict.Reproduced);

    /// <summary>
    /// Control: an SAE at its initial weights (0 steps) on the seed-42 ML-1M MF recommender, measured by this suite: its
    /// golden-age neuron has 0.30 of its top 200 before 1970 (the catalogue 0.15). The rule must not pass it.
    /// </summary>
    [Test]
    public void An_untrained_SAE_does_not_pass() => Claim.Rule(Era(0.30)).Verdict.Should().Be(Verdict.NotReproduced);

    /// <summary>Through the evidence, a model whose analyses have no era neurons is an error naming the series.</summary>
    [Test]
    public void Missing_era_neurons_are_named()
    {
        Claim.Rule(With(concepts: c => Concepts(c, era: Era(0.74)))).Verdict.Should().Be(Verdict.Reproduced);
        var act = () => Claim.Rule(With(concepts: c => Concepts(c)));
        act.Should().Throw<KeyNotFoundException>().WithMessage("Claim 11 reads 'ml-1m MF era neurons': no era neurons (the dataset has no decade table)");
    }
}
