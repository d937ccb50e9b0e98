using FluentAssertions;
using NUnit.Framework;
using Repro.Analysis;
using Repro.Claims;
using Repro.Recommenders;
using static Repro.Tests.Claims.Evidence;

namespace Repro.Tests.Claims;

/// <summary>
/// <see cref="GenreNeuronsClaim"/>: hand-computed cases, the paper's own evidence (it must pass), an untrained SAE's
/// purities (they must not), the one-item notes, and reading its series by name.
/// </summary>
public class GenreNeuronsClaimTests
{
    private static readonly GenreNeuronsClaim Claim = new();

    /// <summary>MF Comedy and Horror at 1.00 and three genres at purity@10 ≥ 0.9 in each of MF and NCF pass; 0.9 itself counts.</summary>
    [Test]
    public void Comedy_and_horror_pure_and_three_genres_at_0_9_per_model_pass()
    {
        var mf = Purity("genre", ("Comedy", 1.0), ("Horror", 1.0), ("Drama", 0.8), ("War", 0.9));   // MF: 1.0, 1.0, 0.9 → 3
        var ncf = Purity("genre", ("Comedy", 1.0), ("Horror", 0.9), ("Drama", 0.9), ("War", 0.7));  // NCF: 1.0, 0.9, 0.9 → 3
        var row = Claim.Rule(mf, ncf);
        row.Verdict.Should().Be(Verdict.Reproduced);
        // Both counts sit exactly at 3: one genre fewer would fail, and the row says so.
        row.OurNumbers.Should().Be("0 pass: ml-1m MF genres at p@10 >= 0.90 (turns on one genre), ml-1m NCF genres at p@10 >= 0.90 (turns on one genre)");
    }

    /// <summary>Two genres at 0.9 in NCF, or MF Horror at 0.9 rather than 1.00 (one item of 10 short), fail.</summary>
    [Test]
    public void Fewer_than_three_genres_or_an_impure_horror_neuron_fails()
    {
        var mf = Purity("genre", ("Comedy", 1.0), ("Horror", 1.0), ("Drama", 0.8), ("War", 0.9));
        var ncfTwo = Purity("genre", ("Comedy", 1.0), ("Horror", 0.8), ("Drama", 0.9), ("War", 0.7));
        Claim.Rule(mf, ncfTwo).Verdict.Should().Be(Verdict.NotReproduced);
        var mfHorror = Purity("genre", ("Comedy", 1.0), ("Horror", 0.9), ("Drama", 1.0), ("War", 1.0));
        var row = Claim.Rule(mfHorror, mf);
        row.Verdict.Should().Be(Verdict.NotReproduced);
        row.OurNumbers.Should().StartWith("0 fail: ml-1m MF Horror p@10 (turns on one item of 10)");
    }

    /// <summary>The threshold is inclusive and has no tie band: a genre at 0.9 counts, one at 0.89 does not, the verdict is never inconclusive.</summary>
    [TestCase(0.9, Verdict.Reproduced)]
    [TestCase(0.89, Verdict.NotReproduced)]
    public void Third_genre_at_the_threshold(double third, Verdict expected)
    {
        var model = Purity("genre", ("Comedy", 1.0), ("Horror", 1.0), ("Drama", third));
        Claim.Rule(model, model).Verdict.Should().Be(expected);
    }

    /// <summary>
    /// The paper's evidence (PAPER-NUMBERS, "Purity"): MF Comedy and Horror 1.00 at every K, and "many genres" at 1.00
    /// at K = 10 for MF and NCF. It names no other genre, so the fixture reads "many" as the rule's minimum, three
    /// unnamed genres per model. The rule must pass it.
    /// </summary>
    [Test]
    public void The_papers_own_evidence_passes()
    {
        var mf = Purity("genre", ("Comedy", 1.0), ("Horror", 1.0), ("a third genre", 1.0), ("Drama", 0.5));
        var ncf = Purity("genre", ("Comedy", 1.0), ("a second genre", 1.0), ("a third genre", 1.0), ("Drama", 0.5));
        Claim.Rule((mf, ncf), NoiseBands.Printed).Verdict.Should().Be(Verdict.Reproduced);
    }

    /// <summary>
    /// Control: an SAE at its initial weights (0 steps) on the seed-42 ML-1M recommenders, measured by this suite (the
    /// best neuron's purity@10 of each genre; ML-1M MF Comedy 0.40, Horror 0.20; no genre reaches 0.9 in either model).
    /// The rule must not pass it.
    /// </summary>
    [Test]
    public void An_untrained_SAE_does_not_pass()
    {
        var mf = UntrainedPurities(RecommenderKind.MF);
        var ncf = UntrainedPurities(RecommenderKind.NCF);
        Claim.Rule(mf, ncf).Verdict.Should().Be(Verdict.NotReproduced);
    }

    /// <summary>Through the evidence, the claim reads the ML-1M MF and NCF genre tables by name; a cell without one is an error naming the series.</summary>
    [Test]
    public void Reads_genre_purity_by_cell_and_names_a_missing_table()
    {
        var genres = Purity("genre", ("Comedy", 1.0), ("Horror", 1.0), ("Drama", 1.0));
        Claim.Rule(With(concepts: c => Concepts(c, [Purity("decade", ("<=1969", 1.0)), genres]))).Verdict.Should().Be(Verdict.Reproduced);
        var missing = () => Claim.Rule(With(concepts: c => Concepts(c, c.Model == RecommenderKind.NCF ? [Purity("decade")] : [genres])));
        missing.Should().Throw<KeyNotFoundException>().WithMessage("Claim 1 reads 'ml-1m NCF genre purity': No 'genre' purity (has: decade).");
    }

    /// <summary>Over seeds, the row gives each seed's outcome and the pass rate (MIXED 1/2), with the deciding check of the failing seed.</summary>
    [Test]
    public void Over_seeds_the_pass_rate_and_the_deciding_check()
    {
        var pure = Purity("genre", ("Comedy", 1.0), ("Horror", 1.0), ("Drama", 1.0), ("War", 1.0), ("Action", 1.0));
        var horror = Purity("genre", ("Comedy", 1.0), ("Horror", 0.9), ("Drama", 1.0), ("War", 1.0), ("Action", 1.0)); // 4 genres left: no note
        var row = Claim.Rule([(42UL, (pure, pure)), (44UL, (horror, pure))], NoiseBands.Measured);
        row.VerdictText.Should().Be("MIXED 1/2");
        row.OurNumbers.Should().Be("42 pass · 44 fail: ml-1m MF Horror p@10 (turns on one item of 10)");
        row.Checks.Should().HaveCount(2 * 8);
    }

    // Measured: seed 42's ML-1M recommenders with an SAE of their preset at 0 steps (ConceptExperiment on its item codes).
    private static ConceptPurityResult UntrainedPurities(RecommenderKind model) => model == RecommenderKind.MF
        ? Purity("genre", UntrainedMf)
        : Purity("genre", UntrainedNcf);

    private static readonly (string, double)[] UntrainedMf = [("Comedy", 0.4), ("Horror", 0.2), ("Drama", 0.6), ("Action", 0.4)];
    private static readonly (string, double)[] UntrainedNcf = [("Comedy", 0.5), ("Horror", 0.2), ("Drama", 0.6), ("Action", 0.5)];
}
