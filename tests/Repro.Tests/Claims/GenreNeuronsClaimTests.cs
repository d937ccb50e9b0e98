using FluentAssertions;
using NUnit.Framework;
using Repro.Experiments;
using Repro.Claims;
using static Repro.Tests.Claims.Evidence;
using Repro.Recommenders;

namespace Repro.Tests.Claims;

/// <summary>Hand-computed cases of <see cref="Repro.Claims.GenreNeuronsClaim"/>: a pass, a fail, the boundary, and reading its series by name.</summary>
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
        row.OurNumbers.Should().EndWith("genres at p@10 >= 0.90: MF 3, NCF 3");
    }

    /// <summary>Two genres at 0.9 in NCF, or MF Horror at 0.9 rather than 1.00, fail.</summary>
    [Test]
    public void Fewer_than_three_genres_or_an_impure_horror_neuron_fails()
    {
        var mf = Purity("genre", ("Comedy", 1.0), ("Horror", 1.0), ("Drama", 0.8), ("War", 0.9));
        var ncfTwo = Purity("genre", ("Comedy", 1.0), ("Horror", 0.8), ("Drama", 0.9), ("War", 0.7));
        Claim.Rule(mf, ncfTwo).Verdict.Should().Be(Verdict.NotReproduced);
        var mfHorror = Purity("genre", ("Comedy", 1.0), ("Horror", 0.9), ("Drama", 1.0), ("War", 1.0));
        Claim.Rule(mfHorror, mf).Verdict.Should().Be(Verdict.NotReproduced);
    }

    /// <summary>The threshold is inclusive and has no tie band: a genre at 0.9 counts, one at 0.89 does not, the verdict is never inconclusive.</summary>
    [TestCase(0.9, Verdict.Reproduced)]
    [TestCase(0.89, Verdict.NotReproduced)]
    public void Third_genre_at_the_threshold(double third, Verdict expected)
    {
        var model = Purity("genre", ("Comedy", 1.0), ("Horror", 1.0), ("Drama", third));
        Claim.Rule(model, model).Verdict.Should().Be(expected);
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
}
