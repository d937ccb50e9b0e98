using Repro.Data;
using Repro.Recommenders;

namespace Repro.Experiments;

/// <summary>One row of the accuracy table: a model (or the popularity ranker) on one dataset.</summary>
public sealed record AccuracyRow(DatasetName Dataset, string Model, AccuracyResult Accuracy, double? FinalTrainLoss, IReadOnlyList<double> EpochLosses, string Settings);

/// <summary>The recommenders' accuracy on both protocols beside the popularity ranker (SPEC §3 "Evaluation").</summary>
public sealed record AccuracyResultTable(IReadOnlyList<AccuracyRow> Rows, IReadOnlyList<RecDataset> Data, SplitSettings Split)
{
    /// <summary>The popularity row of a dataset.</summary>
    public AccuracyRow Popularity(DatasetName dataset) => Rows.Single(r => r.Dataset == dataset && r.Model == "popularity");
}

/// <summary>Evaluates trained recommenders of a dataset beside the popularity baseline, on both protocols.</summary>
public static class AccuracyExperiment
{
    /// <summary>The popularity row, then one row per recommender (in the given order), of one dataset.</summary>
    public static IReadOnlyList<AccuracyRow> Rows(RecDataset data, Split split, IEnumerable<TrainedRecommender> recommenders)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(recommenders);
        var pop = RecommenderEvaluation.Evaluate(PopularityRanker.Scorer(split, data.ItemCount), data, split);
        var rows = new List<AccuracyRow> { new(data.Name, "popularity", pop, null, [], "") };
        foreach (var trained in recommenders)
        {
            var acc = RecommenderEvaluation.Evaluate(trained.Model, data, split);
            rows.Add(new AccuracyRow(data.Name, trained.Settings.Kind.ToString(), acc, trained.EpochLosses[^1], trained.EpochLosses, trained.Settings.ToString()));
        }
        return rows;
    }
}
