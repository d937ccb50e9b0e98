using Repro.Data;
using Repro.Recommenders;

namespace Repro.Experiments;

/// <summary>One row of the accuracy table: a model (or the popularity ranker) on one dataset.</summary>
public sealed record AccuracyRow(string Dataset, string Model, AccuracyResult Accuracy, double? FinalTrainLoss, IReadOnlyList<double> EpochLosses, string Settings);

/// <summary>The recommenders' accuracy on both protocols beside the popularity ranker (SPEC §3 "Evaluation").</summary>
public sealed record AccuracyResultTable(IReadOnlyList<AccuracyRow> Rows, IReadOnlyList<RecDataset> Data, SplitSettings Split)
{
    /// <summary>The popularity row of a dataset.</summary>
    public AccuracyRow Popularity(string dataset) => Rows.Single(r => r.Dataset == dataset && r.Model == "popularity");
}

/// <summary>Trains (or reuses) MF and NCF per dataset and evaluates them with the popularity baseline.</summary>
public static class AccuracyExperiment
{
    /// <summary>Runs the accuracy table for the given datasets and models (default: both models); trains nothing else.</summary>
    public static AccuracyResultTable Run(ReproductionSession session, IReadOnlyList<string> datasets, IReadOnlyList<string>? models = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(datasets);
        var rows = new List<AccuracyRow>();
        foreach (string name in datasets)
        {
            var data = session.Data(name);
            var split = session.Split(name);
            var pop = RecommenderEvaluation.Evaluate(PopularityRanker.Scorer(split, data.ItemCount), data, split);
            rows.Add(new AccuracyRow(name, "popularity", pop, null, [], ""));
            foreach (string model in models ?? PaperSetting.Models)
            {
                var trained = session.Recommender(session.Setting(name, model));
                var acc = RecommenderEvaluation.Evaluate(trained.Model, data, split);
                rows.Add(new AccuracyRow(name, model, acc, trained.EpochLosses[^1], trained.EpochLosses, trained.Settings.ToString()));
            }
            session.Progress.Info($"accuracy table: {name} done");
        }
        return new AccuracyResultTable(rows, datasets.Select(session.Data).ToArray(), session.SplitSettings);
    }
}
