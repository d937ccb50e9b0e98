using FluentAssertions;
using NUnit.Framework;
using Repro.Analysis;
using Repro.Data;
using Repro.Experiments;
using Repro.Presentation;
using Repro.Recommenders;
using Repro.SparseAutoencoders;

namespace Repro.Tests.Presentation;

/// <summary>Every concept table and neuron card says what produced it: SAE preset and steps, recommender preset, seed and data.</summary>
public class ProducedByTests
{
    private static readonly PaperSetting LastFmMf = PaperSetting.For(DatasetName.LastFm, RecommenderKind.MF);

    /// <summary>The line names the SAE preset with its width, λ_pred and step budget, the recommender preset, the seed and the data fingerprint.</summary>
    [Test]
    public void The_line_names_preset_steps_seed_and_data()
    {
        ProducedBy.Line(SaeSettings.LastFmMf, LastFmMf, 43, "user_artists.dat:001400dc3c7d").Should().Be(
            "Produced by: SAE lastfm MF (m = 70, λ_pred = 1, 2,100 steps); recommender lastfm MF (d = 100, 30 epochs, batch 8, lr 0.05, λ_L2 0.01); seed 43; data user_artists.dat:001400dc3c7d.");
        ProducedBy.Sae(SaeSettings.LastFmMfMatryoshka).Should().Be("Matryoshka, m = 80, λ_pred = 5, 2,100 steps");
        ProducedBy.Recommender(RecommenderSettings.Ml1mNcf).Should().Be("d = 20, 30 epochs, batch 2048, lr 0.003");
    }

    /// <summary>A concept report prints the line under each of its tables, and the neuron cards under each card.</summary>
    [Test]
    public void Every_table_and_card_carries_the_line()
    {
        var purity = new ConceptPurityResult("genre", [new ConceptPurityRow(0, "Horror", 1, 1.0, 0.9, 0.8, 0.1)]);
        var report = new ConceptReport("lastfm MF", [purity], new PopularityNeuronResult(50, 100, [10.0, 50.0], 0), null, null, "data:abc");
        var cards = new NeuronCardsResult("lastfm MF", 100, "genre",
            [new NeuronCard(0, false, "Horror", 1.0, 0.1, []), new NeuronCard(1, true, "", double.NaN, double.NaN, [])]);
        var result = new ConceptResult(LastFmMf, report, cards, new float[100, 2]) { Seed = 44 };
        string line = ProducedBy.Line(result);
        line.Should().Contain("seed 44").And.Contain("data data:abc");
        result.ToMarkdown().Split('\n').Count(l => l == line).Should().Be(2);        // purity, popularity
        result.NeuronCardsToMarkdown().Split('\n').Count(l => l == line).Should().Be(2); // both cards, the dead one too
    }
}
