using Repro.Data;

namespace Repro.Analysis;

/// <summary>One concept's best neuron and its purity at the three reported depths.</summary>
/// <param name="Concept">Concept index in its table.</param>
/// <param name="Name">Concept name.</param>
/// <param name="BestNeuron">Neuron with the highest purity@20 (ties to the lower index); -1 if every neuron is dead.</param>
/// <param name="PurityAt10">Share of the best neuron's top 10 items carrying the concept.</param>
/// <param name="PurityAt20">Same at 20 (the selection depth).</param>
/// <param name="PurityAt50">Same at 50.</param>
/// <param name="BaseRate">Share of the catalogue carrying the concept (what a random neuron would score).</param>
public sealed record ConceptPurityRow(int Concept, string Name, int BestNeuron, double PurityAt10, double PurityAt20, double PurityAt50, double BaseRate);

/// <summary>Purity of every concept of one table for one activation matrix.</summary>
/// <param name="ConceptKind">The table's kind ("genre", "tag family", ...).</param>
/// <param name="Rows">One row per concept, in table order.</param>
public sealed record ConceptPurityResult(string ConceptKind, IReadOnlyList<ConceptPurityRow> Rows)
{
    /// <summary>The row of a concept by name (case-insensitive); throws naming the available concepts.</summary>
    public ConceptPurityRow Row(string name) =>
        Rows.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new KeyNotFoundException($"No concept '{name}' (has: {string.Join(", ", Rows.Select(r => r.Name))}).");
}

/// <summary>
/// Concept purity (SPEC §5): rank all items by a neuron's activation; purity@K(j, c) is the share of the top K
/// carrying concept c. Each concept's neuron is chosen by this rule alone (highest purity@20), never by hand.
/// </summary>
public static class ConceptPurity
{
    /// <summary>Depth at which each concept's best neuron is chosen.</summary>
    public const int SelectionDepth = 20;

    /// <summary>Share of the first <paramref name="k"/> items of <paramref name="ranking"/> carrying the concept (k clamped to the list).</summary>
    public static double PurityAt(IReadOnlyList<int> ranking, ConceptTable concepts, int concept, int k)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        ArgumentNullException.ThrowIfNull(concepts);
        k = Math.Min(k, ranking.Count);
        if (k <= 0)
        {
            return double.NaN;
        }
        int hits = 0;
        for (int r = 0; r < k; r++)
        {
            hits += concepts.Has(ranking[r], concept) ? 1 : 0;
        }
        return (double)hits / k;
    }

    /// <summary>purity@K of every (neuron, concept) pair as [neuron, concept]; dead neurons get NaN.</summary>
    public static double[,] Matrix(float[,] activations, ConceptTable concepts, int k)
    {
        ArgumentNullException.ThrowIfNull(concepts);
        Check(activations, concepts);
        int neurons = ActivationRanking.NeuronCount(activations);
        var m = new double[neurons, concepts.Count];
        for (int j = 0; j < neurons; j++)
        {
            bool dead = ActivationRanking.IsDead(activations, j);
            int[] top = dead ? [] : ActivationRanking.Top(activations, j, k);
            for (int c = 0; c < concepts.Count; c++)
            {
                m[j, c] = dead ? double.NaN : PurityAt(top, concepts, c, k);
            }
        }
        return m;
    }

    /// <summary>Each concept's best neuron (highest purity@20, ties to the lower index) with purity@10/20/50 and base rate.</summary>
    public static ConceptPurityResult Compute(float[,] activations, ConceptTable concepts)
    {
        ArgumentNullException.ThrowIfNull(concepts);
        Check(activations, concepts);
        int neurons = ActivationRanking.NeuronCount(activations);
        // Decision: a dead (constant) neuron's top items are just the lowest indices; it may not win a concept.
        var tops = new int[neurons][];
        for (int j = 0; j < neurons; j++)
        {
            tops[j] = ActivationRanking.IsDead(activations, j) ? [] : ActivationRanking.Top(activations, j, 50);
        }
        var rows = new List<ConceptPurityRow>(concepts.Count);
        for (int c = 0; c < concepts.Count; c++)
        {
            int best = -1;
            double bestPurity = double.NegativeInfinity;
            for (int j = 0; j < neurons; j++)
            {
                if (tops[j].Length == 0)
                {
                    continue;
                }
                double p = PurityAt(tops[j], concepts, c, SelectionDepth);
                if (p > bestPurity) // strict: ties keep the lower index
                {
                    best = j;
                    bestPurity = p;
                }
            }
            rows.Add(best < 0
                ? new ConceptPurityRow(c, concepts.Names[c], -1, double.NaN, double.NaN, double.NaN, concepts.BaseRate(c))
                : new ConceptPurityRow(c, concepts.Names[c], best,
                    PurityAt(tops[best], concepts, c, 10), bestPurity, PurityAt(tops[best], concepts, c, 50), concepts.BaseRate(c)));
        }
        return new ConceptPurityResult(concepts.Kind, rows);
    }

    /// <summary>A neuron's best concept (highest purity@<paramref name="k"/>, ties to the lower concept index) and that purity; (-1, NaN) if dead.</summary>
    public static (int Concept, double Purity) BestConcept(float[,] activations, int neuron, ConceptTable concepts, int k = SelectionDepth)
    {
        ArgumentNullException.ThrowIfNull(concepts);
        Check(activations, concepts);
        if (ActivationRanking.IsDead(activations, neuron))
        {
            return (-1, double.NaN);
        }
        int[] top = ActivationRanking.Top(activations, neuron, k);
        int best = -1;
        double bestPurity = double.NegativeInfinity;
        for (int c = 0; c < concepts.Count; c++)
        {
            double p = PurityAt(top, concepts, c, k);
            if (p > bestPurity)
            {
                best = c;
                bestPurity = p;
            }
        }
        return (best, best < 0 ? double.NaN : bestPurity);
    }

    internal static void Check(float[,] activations, ConceptTable concepts)
    {
        ArgumentNullException.ThrowIfNull(activations);
        if (activations.GetLength(0) != concepts.ItemCount)
        {
            throw new ArgumentException($"Activations have {activations.GetLength(0)} items, the '{concepts.Kind}' table has {concepts.ItemCount}.", nameof(activations));
        }
    }
}
