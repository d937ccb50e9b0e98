using FluentAssertions;
using NUnit.Framework;
using Repro.Analysis;
using static Repro.Tests.Analysis.AnalysisFixtures;
using Repro.Data;

namespace Repro.Tests.Analysis;

/// <summary>Unit tests of <see cref="Repro.Analysis.PopularityNeuron"/> against hand-computed values.</summary>
public class PopularityNeuronTests
{
    private static readonly int[] Ranks = [2, 0, 4, 1, 3]; // item 1 most popular, item 2 least
    private static readonly float[,] Acts = FromColumns(
        [5f, 4f, 3f, 2f, 1f],  // top2 {0,1}: ranks 2,0 → 1.0; top3 {0,1,2}: 2,0,4 → 2.0
        [0f, 1f, 0f, 5f, 0f],  // top2 {3,1}: 1,0 → 0.5;   top3 {3,1,0} (0 wins the tie at 0): 1,0,2 → 1.0
        [0f, 0f, 0f, 0f, 0f],  // dead
        [0f, 0f, 9f, 0f, 8f]); // top2 {2,4}: 4,3 → 3.5;   top3 {2,4,0}: 4,3,2 → 3.0

    /// <summary>The popularity neuron is the one whose top K has the lowest mean popularity rank; dead neurons are skipped.</summary>
    [Test]
    public void Popularity_neuron_has_the_lowest_mean_rank_of_its_top_items()
    {
        var r = PopularityNeuron.Find(Acts, Ranks, k: 2);
        r.MeanRankPerNeuron.Should().Equal(1.0, 0.5, double.NaN, 3.5);
        r.Neuron.Should().Be(1);
        r.MeanRank.Should().Be(0.5);
        r.InTopFifth.Should().BeTrue(); // 0.5 < 0.2 × 5 = 1.0
    }

    /// <summary>Claim 3's top-fifth test is strict: a mean rank equal to 0.2 × items fails.</summary>
    [Test]
    public void Top_fifth_test_is_strict()
    {
        var r = PopularityNeuron.Find(Acts, Ranks, k: 3);
        r.MeanRankPerNeuron.Should().Equal(2.0, 1.0, double.NaN, 3.0);
        r.Neuron.Should().Be(1);
        r.InTopFifth.Should().BeFalse(); // 1.0 is not < 0.2 × 5 = 1.0
        r.MeanRankShare.Should().Be(0.2);
    }

    /// <summary>The paper's K is 500 on ML-1M and 50 on Last.FM, carried by the dataset's profile, not read from its name.</summary>
    [TestCase("ml-1m", 500)]
    [TestCase("lastfm", 50)]
    public void Paper_K_per_dataset(string name, int k)
    {
        var profile = name == "ml-1m" ? Repro.Data.DatasetProfile.Ml1m : Repro.Data.DatasetProfile.LastFm;
        var d = new Repro.Data.RecDataset(new DatasetName(name), 3, [[0, 1], [1]], ["a", "b", "c"], [], []) { Profile = profile };
        PopularityNeuron.KFor(d).Should().Be(k);
        var unnamed = new Repro.Data.RecDataset(new DatasetName(name), 30, [[0, 1], [1]], [.. Enumerable.Range(0, 30).Select(i => "i" + i)], [], []);
        PopularityNeuron.KFor(unnamed).Should().Be(3, "a dataset without a profile gets the generic K (10 % of the catalogue), whatever its name");
    }
}
