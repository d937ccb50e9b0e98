using Repro.Data;

namespace Repro.Analysis;

/// <summary>One of a neuron card's top items.</summary>
/// <param name="Item">Dense item index.</param>
/// <param name="Label">The item's label (title, artist).</param>
/// <param name="Activation">The neuron's activation on the item.</param>
/// <param name="Concepts">Names of the concepts the item carries, in table order.</param>
public sealed record NeuronCardItem(int Item, string Label, double Activation, IReadOnlyList<string> Concepts);

/// <summary>One neuron's card: its best concept with purity@20, and its top items.</summary>
/// <param name="Neuron">The neuron j.</param>
/// <param name="Dead">True when the neuron is constant over every item (it then has no best concept and no top items).</param>
/// <param name="BestConcept">Name of the concept with the highest purity@20 (ties to the lower index); null when dead.</param>
/// <param name="PurityAt20">That concept's purity@20; NaN when dead.</param>
/// <param name="BaseRate">That concept's share of the catalogue; NaN when dead.</param>
/// <param name="TopItems">The neuron's top items by activation, ties to the lower item index.</param>
public sealed record NeuronCard(int Neuron, bool Dead, string? BestConcept, double PurityAt20, double BaseRate, IReadOnlyList<NeuronCardItem> TopItems);

/// <summary>The neuron cards of one model.</summary>
/// <param name="Model">Model label ("ML-1M MF", ...).</param>
/// <param name="ItemCount">Catalogue size.</param>
/// <param name="ConceptKind">The concept table's kind ("genre", "tag", ...).</param>
/// <param name="Cards">One card per neuron, in neuron order.</param>
public sealed record NeuronCardsResult(string Model, int ItemCount, string ConceptKind, IReadOnlyList<NeuronCard> Cards);

/// <summary>
/// One card per neuron: its best concept with purity@20 and its top 10 items with labels, activations and concepts,
/// so a reader can judge every neuron by eye (the paper's hand inspection, made exhaustive).
/// </summary>
public static class NeuronCards
{
    /// <summary>Items shown per card.</summary>
    public const int DefaultTopItems = 10;

    /// <summary>The cards of one model, with the dataset's labels and primary concepts.</summary>
    public static NeuronCardsResult Compute(string model, float[,] activations, RecDataset dataset, int topItems = DefaultTopItems)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return Compute(model, activations, dataset.Concepts, dataset.ItemLabels, topItems);
    }

    /// <summary>The cards of one model.</summary>
    public static NeuronCardsResult Compute(string model, float[,] activations, ConceptTable concepts, IReadOnlyList<string> itemLabels, int topItems = DefaultTopItems)
    {
        ArgumentNullException.ThrowIfNull(concepts);
        ArgumentNullException.ThrowIfNull(itemLabels);
        ConceptPurity.Check(activations, concepts);
        if (itemLabels.Count != concepts.ItemCount)
        {
            throw new ArgumentException($"{itemLabels.Count} labels for {concepts.ItemCount} items.", nameof(itemLabels));
        }
        int neurons = activations.GetLength(1);
        var cards = new List<NeuronCard>(neurons);
        for (int j = 0; j < neurons; j++)
        {
            if (ActivationRanking.IsDead(activations, j))
            {
                cards.Add(new NeuronCard(j, true, null, double.NaN, double.NaN, []));
                continue;
            }
            var (best, purity) = ConceptPurity.BestConcept(activations, j, concepts);
            var top = ActivationRanking.Top(activations, j, topItems)
                .Select(i => new NeuronCardItem(i, itemLabels[i], activations[i, j], concepts.ConceptsOf(i).Select(c => concepts.Names[c]).ToArray()))
                .ToArray();
            cards.Add(new NeuronCard(j, false, concepts.Names[best], purity, concepts.BaseRate(best), top));
        }
        return new NeuronCardsResult(model, concepts.ItemCount, concepts.Kind, cards);
    }
}
