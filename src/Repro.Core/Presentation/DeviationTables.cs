using Repro.Experiments;

namespace Repro.Presentation;

/// <summary>The deviations table of SPEC §8 as markdown.</summary>
public static class DeviationTables
{
    /// <summary>Renders <see cref="DeviationsTable"/>, the deviations kept as data in Experiments.</summary>
    extension(DeviationsTable)
    {
        /// <summary>The table: id, what the original does, what we do, why.</summary>
        public static string ToMarkdown() => DeviationsTable.ToMarkdown(null);

        /// <summary>
        /// The table, with the numbers a deviation quotes taken from the run's own tables: D9's HR@10 and LOO HR@10 from
        /// the accuracy table's ml-1m NCF row (never typed by hand).
        /// </summary>
        public static string ToMarkdown(AccuracyResultTable? accuracy)
        {
            var t = new MarkdownTable("#", "original", "here", "why");
            var ncf = accuracy?.Rows.FirstOrDefault(r => r.Dataset == Data.DatasetName.Ml1m && r.Model == nameof(Recommenders.RecommenderKind.NCF));
            foreach (var d in DeviationsTable.Rows)
            {
                string why = d.Id == "D9" && ncf is not null
                    ? d.Why + $"; measured (seed {accuracy!.Split.Seed}): HR@10 {MarkdownTable.Number(ncf.Accuracy.HitRate)}, LOO HR@10 {MarkdownTable.Number(ncf.Accuracy.LeaveOneOutHitRate)}"
                    : d.Why;
                t.Add(d.Id, d.Original, d.Here, why);
            }
            return t.ToString();
        }
    }
}
