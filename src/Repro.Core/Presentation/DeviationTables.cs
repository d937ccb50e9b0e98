using Repro.Experiments;

namespace Repro.Presentation;

/// <summary>The deviations table of SPEC §8 as markdown.</summary>
public static class DeviationTables
{
    /// <summary>Renders <see cref="DeviationsTable"/>, the deviations kept as data in Experiments.</summary>
    extension(DeviationsTable)
    {
        /// <summary>The table: id, what the original does, what we do, why.</summary>
        public static string ToMarkdown()
        {
            var t = new MarkdownTable("#", "original", "here", "why");
            foreach (var d in DeviationsTable.Rows)
            {
                t.Add(d.Id, d.Original, d.Here, d.Why);
            }
            return t.ToString();
        }
    }
}
