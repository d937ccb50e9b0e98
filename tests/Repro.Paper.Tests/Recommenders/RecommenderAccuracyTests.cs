using System.Globalization;
using System.Text;
using FluentAssertions;
using NUnit.Framework;
using Repro.Data;
using Repro.Recommenders;
using Repro.Reporting;
using Repro.Testing;

namespace Repro.Paper.Tests.Recommenders;

/// <summary>
/// The recommenders on the real datasets (SPEC §3): MF and NCF trained with the suite's presets (through the
/// model cache, so later fixtures reuse them), evaluated on the paper protocol and on leave-one-out, beside the
/// popularity ranker.
/// </summary>
[TestFixture]
public sealed class RecommenderAccuracyTests
{
    // A model is useful only if it clearly beats "recommend what is popular": at least 0.05 HR@10 and 10 %
    // relative NDCG@10 above popularity. SPEC §3's reference run has NCF at 0.56 against popularity's 0.31.
    private const double HitRateMargin = 0.05;
    private const double NdcgRatio = 1.1;

    private static readonly (string Dataset, RecommenderSettings Mf, RecommenderSettings Ncf)[] Runs =
    [
        ("ml-1m", RecommenderSettings.Ml1mMf, RecommenderSettings.Ml1mNcf),
        ("lastfm", RecommenderSettings.LastFmMf, RecommenderSettings.LastFmNcf),
    ];

    /// <summary>Loads a real dataset from <c>data/</c>, else from the machine's shared offline mirror.</summary>
    internal static RecDataset LoadReal(string name)
    {
        if (Datasets.IsAvailable(name))
        {
            return Datasets.Load(name);
        }
        string mirror = Environment.GetEnvironmentVariable("REPRO_DATASET_MIRROR") is { Length: > 0 } m
            ? m
            : Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "datasets"));
        if (!Datasets.IsAvailable(name, mirror))
        {
            Assert.Ignore($"Dataset '{name}' is neither in {RepoPaths.Data} nor in {mirror}.");
        }
        return Datasets.Load(name, mirror);
    }

    /// <summary>
    /// The accuracy table (dataset × model × protocol, with popularity) matches the approved one, and both
    /// models beat popularity on both protocols and both datasets by the margins above.
    /// </summary>
    [Test]
    public void Both_models_beat_popularity_on_both_datasets()
    {
        var table = new MarkdownTable("dataset", "model", "HR@10 (paper)", "NDCG@10 (paper)", "HR@10 (LOO, 99 neg.)", "NDCG@10 (LOO)", "final train loss", "users");
        var settingsTable = new MarkdownTable("dataset", "model", "settings", "data");
        var failures = new List<string>();
        foreach (var (name, mf, ncf) in Runs)
        {
            var data = LoadReal(name);
            var split = Split.Create(data, new SplitSettings());
            var pop = RecommenderEvaluation.Evaluate(PopularityRanker.Scorer(split, data.ItemCount), data, split);
            table.Add(name, "popularity", pop.HitRate, pop.Ndcg, pop.LeaveOneOutHitRate, pop.LeaveOneOutNdcg, "", pop.Users);
            foreach (var settings in new[] { mf, ncf })
            {
                var outcome = ModelCache.GetOrTrain(data, split, settings);
                using var model = outcome.Trained.Model;
                var acc = RecommenderEvaluation.Evaluate(model, data, split);
                table.Add(name, settings.Kind, acc.HitRate, acc.Ndcg, acc.LeaveOneOutHitRate, acc.LeaveOneOutNdcg, outcome.Trained.EpochLosses[^1], acc.Users);
                settingsTable.Add(name, settings.Kind, settings.ToString(), data.Fingerprint);
                Check(failures, name, settings.Kind, "HR (paper)", acc.HitRate, pop.HitRate + HitRateMargin);
                Check(failures, name, settings.Kind, "NDCG (paper)", acc.Ndcg, pop.Ndcg * NdcgRatio);
                Check(failures, name, settings.Kind, "HR (LOO)", acc.LeaveOneOutHitRate, pop.LeaveOneOutHitRate + HitRateMargin);
                Check(failures, name, settings.Kind, "NDCG (LOO)", acc.LeaveOneOutNdcg, pop.LeaveOneOutNdcg * NdcgRatio);
            }
        }
        var report = new StringBuilder()
            .Append("# Recommender accuracy\n\n")
            .Append("Paper protocol: full catalogue minus training items, 5 hidden positives, binary-gain NDCG. ")
            .Append("LOO: first hidden positive against 99 sampled non-interacted items. Split: ").Append(new SplitSettings()).Append(".\n\n")
            .Append(table).Append('\n').Append(settingsTable);
        TestContext.Out.WriteLine(report);
        Approvals.Verify(report.ToString());
        failures.Should().BeEmpty();
    }

    private static void Check(List<string> failures, string dataset, string kind, string metric, double value, double needed)
    {
        if (!(value > needed))
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{dataset} {kind} {metric} = {value:F4}, needs > {needed:F4}"));
        }
    }
}
