using System.Globalization;
using System.Text;
using Repro.Experiments;
using Repro.Recommenders;

namespace Repro.Presentation;

/// <summary>The recommenders' tables (SPEC §3): accuracy beside the popularity ranker, and the learning-rate demonstration (D8).</summary>
public static class RecommenderTables
{
    /// <summary>The accuracy table with its settings and data fingerprints.</summary>
    public static string ToMarkdown(this AccuracyResultTable result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var table = new MarkdownTable("dataset", "model", "HR@10 (paper)", "NDCG@10 (paper)", "HR@10 (LOO, 99 neg.)", "NDCG@10 (LOO)", "final train loss", "users")
            .Tolerance("HR@10 (paper)", Tolerances.HitRate, "model", nameof(RecommenderKind.NCF))
            .Tolerance("NDCG@10 (paper)", Tolerances.Ndcg, "model", nameof(RecommenderKind.NCF))
            .Tolerance("HR@10 (LOO, 99 neg.)", Tolerances.HitRate, "model", nameof(RecommenderKind.NCF))
            .Tolerance("NDCG@10 (LOO)", Tolerances.Ndcg, "model", nameof(RecommenderKind.NCF))
            .Tolerance("final train loss", Tolerances.TrainingLoss, "model", nameof(RecommenderKind.NCF));
        var settings = new MarkdownTable("dataset", "model", "settings", "data");
        foreach (var r in result.Rows)
        {
            table.Add(r.Dataset, r.Model, r.Accuracy.HitRate, r.Accuracy.Ndcg, r.Accuracy.LeaveOneOutHitRate, r.Accuracy.LeaveOneOutNdcg, r.FinalTrainLoss is double l ? MarkdownTable.Number(l) : "", r.Accuracy.Users);
            if (r.Model != "popularity")
            {
                settings.Add(r.Dataset, r.Model, r.Settings, result.Data.Single(d => d.Name == r.Dataset).Fingerprint);
            }
        }
        return new StringBuilder()
            .Append("# Recommender accuracy\n\n")
            .Append("Paper protocol: full catalogue minus training items, 5 hidden positives, binary-gain NDCG. ")
            .Append("LOO: first hidden positive against 99 sampled non-interacted items. Split: ").Append(result.Split).Append('.')
            .Append(result.Rows.Any(r => r.Dataset == Data.DatasetName.LastFm) ? " " + DeviationsTable.LastFmNote + "." : "").Append("\n\n")
            .Append(table).Append('\n').Append(settings).ToString();
    }

    /// <summary>The D8 table: loss per epoch, HR@10 and NDCG@10 (paper protocol, and leave-one-out), item embedding norm.</summary>
    public static string ToMarkdown(this LearningRateDemoResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        int epochs = result.Runs.Max(r => r.EpochLosses.Count);
        var columns = new List<string> { "Adam lr", "batch" };
        columns.AddRange(Enumerable.Range(1, epochs).Select(e => string.Create(CultureInfo.InvariantCulture, $"loss, epoch {e}")));
        columns.AddRange(["HR@10 (paper)", "NDCG@10 (paper)", "HR@10 (LOO)", "mean item-vector norm"]);
        var t = new MarkdownTable([.. columns]);
        foreach (var r in result.Runs)
        {
            var cells = new List<object?> { r.Settings.LearningRate, r.Settings.BatchSize };
            cells.AddRange(Enumerable.Range(0, epochs).Select(e => e < r.EpochLosses.Count ? (object?)r.EpochLosses[e] : ""));
            cells.AddRange([r.Accuracy.HitRate, r.Accuracy.Ndcg, r.Accuracy.LeaveOneOutHitRate, r.MeanItemNorm]);
            t.Add([.. cells]);
        }
        var sb = new StringBuilder("# Deviation D8: the notebooks' ML-1M NCF learning rate\n\n");
        sb.Append(string.Create(CultureInfo.InvariantCulture,
            $"ML-1M NCF (d = 20) at the paper's batch 256, trained {epochs} epochs with the notebooks' Adam lr 0.05 and with SPEC's lr 1e-3 (same seed, same negatives). "));
        sb.Append("The suite's preset (D9: batch 2048, lr 3e-3, 30 epochs) is in the accuracy table.\n\n");
        return sb.Append(t).ToString();
    }
}
