using Repro.Data;

namespace Repro.Tests.Analysis;

/// <summary>Small hand-built inputs shared by the analysis tests.</summary>
internal static class AnalysisFixtures
{
    /// <summary>A [items, neurons] matrix from per-neuron columns (easier to read than rows).</summary>
    public static float[,] FromColumns(params float[][] columns)
    {
        int items = columns[0].Length;
        var m = new float[items, columns.Length];
        for (int j = 0; j < columns.Length; j++)
        {
            for (int i = 0; i < items; i++)
            {
                m[i, j] = columns[j][i];
            }
        }
        return m;
    }

    /// <summary>A concept table from per-item concept lists.</summary>
    public static ConceptTable Table(string kind, string[] names, params int[][] itemConcepts) =>
        new(kind, names, itemConcepts.Select(c => (IReadOnlyList<int>)c).ToArray());
}
