using System.Globalization;
using System.Text;
using Repro.Analysis;

namespace Repro.Presentation;

/// <summary>The neuron cards as one markdown document per model.</summary>
public static class NeuronCardTables
{
    /// <summary>
    /// A header, then per neuron its best concept with purity@20 and base rate and a table of its top items (or "Dead");
    /// <paramref name="producedBy"/> (a <see cref="ProducedBy"/> line), when given, under every card.
    /// </summary>
    public static string ToMarkdown(this NeuronCardsResult cards, string? producedBy = null)
    {
        ArgumentNullException.ThrowIfNull(cards);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"# Neuron cards: {cards.Model}\n\n{cards.Cards.Count} neurons, {cards.ItemCount} items, concepts: {cards.ConceptKind}. ")
          .Append("Items ranked by activation, ties to the lower item index.\n");
        foreach (var card in cards.Cards)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\n## Neuron {card.Neuron}\n\n");
            if (card.Dead)
            {
                sb.Append("Dead: constant activation over every item.\n");
                Under(sb, producedBy);
                continue;
            }
            sb.Append(CultureInfo.InvariantCulture,
                $"Best {cards.ConceptKind}: **{card.BestConcept}**, purity@20 = {MarkdownTable.Fixed(card.PurityAt20)} (base rate {MarkdownTable.Fixed(card.BaseRate, 3)}).\n\n");
            var t = new MarkdownTable("rank", "item", "label", "activation", cards.ConceptKind);
            for (int r = 0; r < card.TopItems.Count; r++)
            {
                var item = card.TopItems[r];
                t.Add(r + 1, item.Item, item.Label, item.Activation, string.Join(", ", item.Concepts));
            }
            sb.Append(t);
            Under(sb, producedBy);
        }
        return sb.ToString();
    }

    private static void Under(StringBuilder sb, string? producedBy)
    {
        if (producedBy is not null)
        {
            sb.Append('\n').Append(producedBy).Append('\n');
        }
    }
}
