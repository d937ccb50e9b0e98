using Repro.Data;

namespace Repro.Analysis;

/// <summary>
/// One neuron read the way a reader judges specificity (claim 10): the raw tag its top 20 items carry most often
/// (highest purity@20; ties to the rarer tag, then the lower index) and that tag's base rate in the catalogue. A more
/// specific neuron names a rarer tag at high purity: "death_metal" at 0.8 against "rock" at 0.4.
/// </summary>
/// <param name="Neuron">The neuron.</param>
/// <param name="Tag">Its best raw tag ("-" for a dead neuron).</param>
/// <param name="PurityAt20">That tag's purity@20 (NaN for a dead neuron).</param>
/// <param name="BaseRate">That tag's share of the catalogue (NaN for a dead neuron).</param>
public sealed record NeuronSpecificity(int Neuron, string Tag, double PurityAt20, double BaseRate);

/// <summary>Every neuron's best raw tag and its base rate (<see cref="NeuronSpecificity"/>).</summary>
public static class TagSpecificity
{
    /// <summary>Reads every neuron of <paramref name="activations"/> ([items, neurons]) against <paramref name="tags"/> at depth 20.</summary>
    public static IReadOnlyList<NeuronSpecificity> Compute(float[,] activations, ConceptTable tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var purity = ConceptPurity.Matrix(activations, tags, ConceptPurity.SelectionDepth);
        double[] baseRates = [.. Enumerable.Range(0, tags.Count).Select(tags.BaseRate)];
        var result = new List<NeuronSpecificity>();
        for (int j = 0; j < purity.GetLength(0); j++)
        {
            int best = -1;
            for (int c = 0; c < tags.Count; c++)
            {
                if (double.IsNaN(purity[j, c]))
                {
                    break;
                }
                if (best < 0 || purity[j, c] > purity[j, best] || (purity[j, c] == purity[j, best] && baseRates[c] < baseRates[best]))
                {
                    best = c;
                }
            }
            result.Add(best < 0 ? new NeuronSpecificity(j, "-", double.NaN, double.NaN) : new NeuronSpecificity(j, tags.Names[best], purity[j, best], baseRates[best]));
        }
        return result;
    }

    /// <summary>The median of the non-NaN values (NaN when there are none).</summary>
    public static double Median(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var v = values.Where(x => !double.IsNaN(x)).Order().ToArray();
        return v.Length == 0 ? double.NaN : v.Length % 2 == 1 ? v[v.Length / 2] : (v[(v.Length / 2) - 1] + v[v.Length / 2]) / 2;
    }
}
