using FluentAssertions;
using NUnit.Framework;
using Repro.Experiments;
using Repro.Orchestration;
using Repro.Presentation;
using Repro.Recommenders;
using Repro.Data;

namespace Repro.Tests.EndToEnd;

/// <summary>
/// The whole pipeline on the planted-concept set, through the same code as the paper fixtures: recommender, SAE,
/// purity. The planted genres are the known answer.
/// </summary>
[NonParallelizable]
public sealed class PlantedEndToEndTests
{
    private static PaperResults Results => PlantedRun.Results;

    /// <summary>
    /// Every planted genre is recovered by some SAE neuron of the MF model with purity@20 ≥ 0.9. (The planted
    /// preferences are a dot-product structure, which MF's vectors carry directly; the synthetic NCF's vectors
    /// mix genres through its MLP and reach 0.55–0.95, see the NCF case below.)
    /// </summary>
    [Test]
    public void Every_planted_genre_has_a_pure_MF_neuron()
    {
        var purity = Results.Concepts(PaperSetting.For(DatasetName.Synthetic, RecommenderKind.MF)).Report.PurityOf("genre");
        TestContext.Out.WriteLine(purity.ToMarkdown());
        purity.Rows.Should().OnlyContain(r => r.PurityAt20 >= 0.9);
    }

    /// <summary>
    /// NCF, which has no bias terms, puts the planted popularity into its item vectors, and the SAE finds it: the
    /// popularity neuron's top items sit in the most popular fifth. MF's item bias absorbs popularity, so its
    /// vectors (all the SAE sees) carry little of it: its best neuron stays near the middle of the catalogue.
    /// </summary>
    [Test]
    public void Popularity_is_a_neuron_of_NCF_but_lives_in_MF_biases()
    {
        var ncf = Results.Concepts(PaperSetting.For(DatasetName.Synthetic, RecommenderKind.NCF)).Report.Popularity;
        var mf = Results.Concepts(PaperSetting.For(DatasetName.Synthetic, RecommenderKind.MF)).Report.Popularity;
        ncf.InTopFifth.Should().BeTrue();
        mf.MeanRank.Should().BeGreaterThan(ncf.MeanRank);
    }

    /// <summary>
    /// The synthetic NCF's genre neurons beat the base rate: every genre's best neuron has purity@20 above 1.25 × the
    /// genre's base rate, and at least half the genres have a neuron at purity@20 ≥ 0.8. The NCF recovers the planted
    /// genres less surely than MF: over seeds 42–46, 3 or 4 of the 6 genres reached 0.8 in every seed, and the weakest
    /// genre's best neuron was 1.37 to 2.19 × its base rate (seed 42: 1.78, genre2 at 0.35 against 0.197), so both bounds
    /// hold for every seed measured; a model whose neurons carried no genre would not reach 0.8 for any.
    /// </summary>
    [Test]
    public void NCF_genre_neurons_beat_the_base_rate()
    {
        var purity = Results.Concepts(PaperSetting.For(DatasetName.Synthetic, RecommenderKind.NCF)).Report.PurityOf("genre");
        purity.Rows.Should().OnlyContain(r => r.PurityAt20 > 1.25 * r.BaseRate);
        purity.Rows.Count(r => r.PurityAt20 >= 0.8).Should().BeGreaterThanOrEqualTo(purity.Rows.Count / 2);
    }

    /// <summary>A second session over the same cache reuses the checkpoints and gets bit-identical activations.</summary>
    [Test]
    public void Cached_models_give_identical_results()
    {
        var first = Results.Concepts(PaperSetting.For(DatasetName.Synthetic, RecommenderKind.MF)).ItemActivations;
        using var again = new ReproductionSession(new SessionOptions(CacheDirectory: PlantedRun.CacheDirectory), SilentProgress.Instance);
        var second = new PaperResults(again, [DatasetName.Synthetic]).Concepts(PaperSetting.For(DatasetName.Synthetic, RecommenderKind.MF)).ItemActivations;
        second.Should().BeEquivalentTo(first);
    }
}
