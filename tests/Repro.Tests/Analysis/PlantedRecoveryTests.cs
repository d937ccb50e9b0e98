using FluentAssertions;
using NUnit.Framework;
using Repro.Analysis;
using Repro.Data;

namespace Repro.Tests.Analysis;

/// <summary>The purity and popularity rules recover neurons planted in hand-made activations.</summary>
public class PlantedRecoveryTests
{
    /// <summary>
    /// On the planted synthetic set, a hand-planted activation matrix (one noisy neuron per genre, one popularity
    /// neuron, three noise neurons, in a shuffled order) is read back by the purity and popularity rules.
    /// </summary>
    [Test]
    public void Purity_and_popularity_rules_recover_planted_neurons()
    {
        var settings = SyntheticSettings.Default;
        var data = SyntheticDataset.Generate(settings);
        int[] planted = SyntheticDataset.PlantedPopularityRank(settings);
        int genres = data.Concepts.Count, items = data.ItemCount, neurons = genres + 4;
        var rng = SeededRandom.For(11, "planted-activations");
        int[] slot = Enumerable.Range(0, neurons).ToArray();
        rng.Shuffle(slot.AsSpan()); // planted neuron p lives in column slot[p]

        var acts = new float[items, neurons];
        for (int i = 0; i < items; i++)
        {
            for (int g = 0; g < genres; g++)
            {
                // Noise σ = 0.4 lets a few off-genre items climb near the genre's lower tail, but not into its top 20.
                acts[i, slot[g]] = (float)Math.Max(0, (data.Concepts.Has(i, g) ? 1.0 : 0.0) + 0.4 * rng.NextGaussian());
            }
            acts[i, slot[genres]] = (float)(1.0 - (double)planted[i] / items + 0.05 * rng.NextGaussian());
            for (int n = genres + 1; n < neurons; n++)
            {
                acts[i, slot[n]] = (float)Math.Max(0, rng.NextGaussian());
            }
        }

        var purity = ConceptPurity.Compute(acts, data.Concepts);
        for (int g = 0; g < genres; g++)
        {
            purity.Rows[g].BestNeuron.Should().Be(slot[g], $"genre {g} was planted in column {slot[g]}");
            purity.Rows[g].PurityAt20.Should().BeGreaterThanOrEqualTo(0.9);
        }
        // Observed popularity (users per item) follows the planted Zipf weight, so the planted neuron must win.
        var pop = PopularityNeuron.Find(acts, data);
        pop.Neuron.Should().Be(slot[genres]);
        pop.InTopFifth.Should().BeTrue();
    }
}
