using System.Globalization;
using FluentAssertions;
using NUnit.Framework;
using Repro.Presentation;
using Repro.Testing;

namespace Repro.Paper.Tests.Recommenders;

/// <summary>
/// The recommenders on the real datasets (SPEC §3): MF and NCF trained with the suite's presets, evaluated on the
/// paper protocol and on leave-one-out, beside the popularity ranker.
/// </summary>
public sealed class RecommenderAccuracyTests : PaperFixture
{
    // A model is useful only if it clearly beats "recommend what is popular": at least 0.05 HR@10 and 10 %
    // relative NDCG@10 above popularity. SPEC §3's reference run has NCF at 0.56 against popularity's 0.31.
    private const double HitRateMargin = 0.05;
    private const double NdcgRatio = 1.1;

    /// <summary>The accuracy table matches the approved one.</summary>
    [Test]
    public void Accuracy_table_is_approved() => Approvals.Verify(Results.Accuracy().ToMarkdown());

    /// <summary>Both models beat popularity on both protocols and both datasets by the margins above.</summary>
    [Test]
    public void Both_models_beat_popularity_on_both_datasets()
    {
        var table = Results.Accuracy();
        var failures = new List<string>();
        foreach (var row in table.Rows.Where(r => r.Model != "popularity"))
        {
            var pop = table.Popularity(row.Dataset).Accuracy;
            var a = row.Accuracy;
            void Check(string metric, double value, double needed)
            {
                if (!(value > needed))
                {
                    failures.Add(string.Create(CultureInfo.InvariantCulture, $"{row.Dataset} {row.Model} {metric} = {value:F4}, needs > {needed:F4}"));
                }
            }
            Check("HR (paper)", a.HitRate, pop.HitRate + HitRateMargin);
            Check("NDCG (paper)", a.Ndcg, pop.Ndcg * NdcgRatio);
            Check("HR (LOO)", a.LeaveOneOutHitRate, pop.LeaveOneOutHitRate + HitRateMargin);
            Check("NDCG (LOO)", a.LeaveOneOutNdcg, pop.LeaveOneOutNdcg * NdcgRatio);
        }
        failures.Should().BeEmpty();
    }

    /// <summary>
    /// Deviation D8: at the notebooks' lr 0.05 the ML-1M NCF collapses. After the same epochs it ranks worse than at lr 1e-3
    /// by at least 0.1 HR@10 (paper protocol); the table with per-epoch losses is approved.
    /// </summary>
    [Test]
    public void Notebooks_learning_rate_collapses_the_ncf()
    {
        var demo = Results.LearningRates();
        Approvals.Verify(demo.ToMarkdown());
        demo.Runs[0].Settings.LearningRate.Should().Be(0.05);
        demo.Runs[0].Accuracy.HitRate.Should().BeLessThan(demo.Runs[1].Accuracy.HitRate - 0.1);
    }

    /// <summary>Training loss falls: the last epoch's mean loss is below the first's for every model.</summary>
    [Test]
    public void Training_loss_decreases()
    {
        foreach (var row in Results.Accuracy().Rows.Where(r => r.Model != "popularity"))
        {
            row.EpochLosses[^1].Should().BeLessThan(row.EpochLosses[0], $"{row.Dataset} {row.Model}");
        }
    }
}
