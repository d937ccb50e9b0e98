using System.Globalization;
using System.Text;
using Repro.Data;
using Repro.Presentation;

namespace Repro.Analysis;

/// <summary>
/// One card per neuron: its best concept with purity@20 and its top 10 items with labels, activations and concepts,
/// so a reader can judge every neuron by eye (the paper's hand inspection, made exhaustive).
/// </summary>
public static class NeuronCards
{
    /// <summary>Items shown per card.</summary>
    public const int DefaultTopItems = 10;

    /// <summary>The cards of one model, with the dataset's labels and primary concepts.</summary>
    public static string ToMarkdown(string model, float[,] activations, RecDataset dataset, int topItems = DefaultTopItems)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return ToMarkdown(model, activations, dataset.Concepts, dataset.ItemLabels, topItems);
    }

    /// <summary>The cards of one model as one markdown document.</summary>
    public static string ToMarkdown(string model, float[,] activations, ConceptTable concepts, IReadOnlyList<string> itemLabels, int topItems = DefaultTopItems)
    {
        ArgumentNullException.ThrowIfNull(concepts);
        ArgumentNullException.ThrowIfNull(itemLabels);
        ConceptPurity.Check(activations, concepts);
        if (itemLabels.Count != concepts.ItemCount)
        {
            throw new ArgumentException($"{itemLabels.Count} labels for {concepts.ItemCount} items.", nameof(itemLabels));
        }
        int neurons = activations.GetLength(1);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"# Neuron cards: {model}\n\n{neurons} neurons, {concepts.ItemCount} items, concepts: {concepts.Kind}. ")
          .Append("Items ranked by activation, ties to the lower item index.\n");
        for (int j = 0; j < neurons; j++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\n## Neuron {j}\n\n");
            if (ActivationRanking.IsDead(activations, j))
            {
                sb.Append("Dead: constant activation over every item.\n");
                continue;
            }
            var (best, purity) = ConceptPurity.BestConcept(activations, j, concepts);
            sb.Append(CultureInfo.InvariantCulture,
                $"Best {concepts.Kind}: **{concepts.Names[best]}**, purity@20 = {MarkdownTable.Fixed(purity)} (base rate {MarkdownTable.Fixed(concepts.BaseRate(best), 3)}).\n\n");
            var t = new MarkdownTable("rank", "item", "label", "activation", concepts.Kind);
            int[] top = ActivationRanking.Top(activations, j, topItems);
            for (int r = 0; r < top.Length; r++)
            {
                int i = top[r];
                t.Add(r + 1, i, itemLabels[i], (double)activations[i, j], string.Join(", ", concepts.ConceptsOf(i).Select(c => concepts.Names[c])));
            }
            sb.Append(t);
        }
        return sb.ToString();
    }
}
