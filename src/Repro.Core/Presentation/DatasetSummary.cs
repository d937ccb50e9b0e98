using System.Globalization;
using System.Text;
using Repro.Data;

namespace Repro.Presentation;

/// <summary>
/// The dataset summary table (the suite's first approved table, also printed by the CLI): size, density, each concept
/// table with base rates, and the SHA-256 of every file read, so every later table can be traced to its inputs.
/// </summary>
public static class DatasetSummary
{
    /// <summary>Concept tables longer than this are shortened to their most common concepts.</summary>
    public const int MaxConceptRows = 25;

    /// <summary>Markdown for several datasets: one overview table, then a section per dataset.</summary>
    public static string Build(IEnumerable<RecDataset> datasets)
    {
        ArgumentNullException.ThrowIfNull(datasets);
        var list = datasets.ToList();
        var sb = new StringBuilder("# Datasets\n\n");
        var overview = new MarkdownTable("dataset", "users", "items", "interactions", "density", "items without interactions", "mean items per user", "concept tables");
        foreach (var d in list)
        {
            overview.Add(d.Name, d.UserCount, d.ItemCount, d.InteractionCount, d.Density, d.ItemPopularity.Count(p => p == 0),
                (double)d.InteractionCount / d.UserCount, string.Join(", ", d.ConceptTables.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Kind} ({t.Count})"))));
        }
        sb.Append(overview).Append('\n');
        foreach (var d in list)
        {
            sb.Append(Section(d));
        }
        return sb.ToString();
    }

    /// <summary>Markdown for one dataset: its concept tables and input files.</summary>
    public static string Section(RecDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var sb = new StringBuilder();
        sb.Append("## ").Append(data.Name).Append("\n\n");
        foreach (var table in data.ConceptTables)
        {
            var rows = Enumerable.Range(0, table.Count)
                .Select(c => (Name: table.Names[c], Items: (int)Math.Round(table.BaseRate(c) * table.ItemCount), Rate: table.BaseRate(c)))
                .ToList();
            int untagged = Enumerable.Range(0, table.ItemCount).Count(i => !table.ConceptsOf(i).Any());
            sb.Append(string.Create(CultureInfo.InvariantCulture,
                $"Concepts \"{table.Kind}\": {table.Count}; items carrying none: {untagged}"));
            if (rows.Count > MaxConceptRows)
            {
                rows = rows.OrderByDescending(r => r.Items).ThenBy(r => r.Name, StringComparer.Ordinal).Take(MaxConceptRows).ToList();
                sb.Append(string.Create(CultureInfo.InvariantCulture, $"; the {MaxConceptRows} most common shown"));
            }
            sb.Append(".\n\n");
            var t = new MarkdownTable("concept", "items", "base rate");
            foreach (var r in rows)
            {
                t.Add(r.Name, r.Items, r.Rate);
            }
            sb.Append(t).Append('\n');
        }
        var files = new MarkdownTable("file", "bytes", "SHA-256");
        foreach (var f in data.Files)
        {
            files.Add(f.Name, f.Bytes, f.Sha256.ToLowerInvariant());
        }
        sb.Append(files).Append('\n');
        return sb.ToString();
    }
}
