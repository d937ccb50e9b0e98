using System.Globalization;
using Repro.Analysis;
using Repro.Data;
using Repro.Presentation;

namespace Repro.Benchmarks;

/// <summary>
/// Every concept analysis for one SAE at ML-1M size (3,706 items × 22 neurons, 20-dim item embeddings for MS):
/// purity over 18 genres, popularity neuron (K = 500), era neurons (K = 200), MS, Matryoshka bands, neuron cards.
/// Budget: under 2 s in total.
/// </summary>
internal sealed class AnalysisBenchmarks : IBenchmark
{
    private const int Items = 3706, Neurons = 22, Dim = 20;
    private float[,] _acts = new float[0, 0];
    private float[,] _emb = new float[0, 0];
    private ConceptTable _genres = null!, _decades = null!;
    private int[] _popRank = [];
    private string[] _labels = [];

    public string Name => "analysis-ml1m-one-sae";

    public int Iterations => 7;

    public void Setup()
    {
        var rng = SeededRandom.For(3, "analysis-benchmark");
        _acts = new float[Items, Neurons];
        _emb = new float[Items, Dim];
        for (int i = 0; i < Items; i++)
        {
            for (int j = 0; j < Neurons; j++)
            {
                _acts[i, j] = (float)Math.Max(0, rng.NextGaussian() - 0.5); // about 30 % active, like a KL-sparse code
            }
            for (int d = 0; d < Dim; d++)
            {
                _emb[i, d] = (float)rng.NextGaussian();
            }
        }
        var genreLists = new IReadOnlyList<int>[Items];
        var decadeLists = new IReadOnlyList<int>[Items];
        for (int i = 0; i < Items; i++)
        {
            genreLists[i] = Enumerable.Range(0, 1 + rng.NextInt(3)).Select(_ => rng.NextInt(18)).Distinct().ToArray();
            decadeLists[i] = [rng.NextInt(5)];
        }
        _genres = new ConceptTable("genre", Enumerable.Range(0, 18).Select(g => "genre" + g.ToString(CultureInfo.InvariantCulture)).ToArray(), genreLists);
        _decades = new ConceptTable("decade", ["<=1969", "1970s", "1980s", "1990s", "2000s"], decadeLists);
        _popRank = Enumerable.Range(0, Items).ToArray();
        rng.Shuffle(_popRank.AsSpan());
        _labels = Enumerable.Range(0, Items).Select(i => "Movie " + i.ToString(CultureInfo.InvariantCulture) + " (1995)").ToArray();
    }

    public string? Run()
    {
        var purity = ConceptPurity.Compute(_acts, _genres);
        var pop = PopularityNeuron.Find(_acts, _popRank, PopularityNeuron.Ml1mK);
        var era = EraNeurons.Compute(_acts, _decades);
        var ms = MonosemanticityScore.Compute(_acts, _emb);
        var mat = MatryoshkaHierarchy.Compute(_acts, _popRank, _genres, PopularityNeuron.Ml1mK, prefixFvu: [0.3, 0.2, 0.1]);
        string cards = NeuronCards.Compute("benchmark", _acts, _genres, _labels).ToMarkdown();
        int chars = purity.ToMarkdown().Length + pop.ToMarkdown().Length + era.ToMarkdown().Length + ms.ToMarkdown().Length + mat.ToMarkdown().Length + cards.Length;
        return string.Create(CultureInfo.InvariantCulture, $"{Items}x{Neurons}, MS {ms.Mean:F3}, {chars} chars of markdown");
    }
}
