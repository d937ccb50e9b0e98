using FluentAssertions;
using NUnit.Framework;
using Repro.Cli.Report;
using Repro.Cli.Reproduce;
using Repro.Experiments;
using Repro.Orchestration;
using Repro.Presentation;
using Repro.Recommenders;
using Repro.Tests.Data;
using Repro.Tests.EndToEnd;
using Repro.Data;

namespace Repro.Tests.Orchestration;

/// <summary>
/// A failure stays in its node: on the planted set, an MF cell whose SAEs diverge (Adam at lr 1e30) fails the results
/// that read those SAEs, each naming the node, the step and the error, while the NCF cell's results and the accuracy
/// table are made as usual, and the report marks only what is missing.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class FailureIsolationTests
{
    private static readonly Lazy<(PaperResults Results, IReadOnlyList<StepFailure> Failures)> Run = new(() =>
    {
        var session = new ReproductionSession(new SessionOptions(CacheDirectory: PlantedRun.CacheDirectory), SilentProgress.Instance);
        var mf = PaperSetting.For(DatasetName.Synthetic, RecommenderKind.MF);
        var diverging = mf with { Sae = mf.Sae with { LearningRate = 1e30, Name = "synthetic, diverging" } };
        var results = new PaperResults(session, [diverging, PaperSetting.For(DatasetName.Synthetic, RecommenderKind.NCF)]);
        return (results, results.ComputeAll(parallelism: 2));
    });

    private static PaperResults Results => Run.Value.Results;

    private static PaperSetting Mf => Results.Cells[0];

    private static PaperSetting Ncf => Results.Cells[1];

    /// <summary>The run finishes and returns a failure for each job that reads the diverging SAEs, each saying they diverged.</summary>
    [Test]
    public void Failed_jobs_are_returned_not_thrown()
    {
        var failures = Run.Value.Failures;
        failures.Select(f => f.Step).Should().Contain(["λ_pred ablation synthetic MF", "concepts synthetic MF", "interventions synthetic MF", "SAE health"]);
        failures.Should().OnlyContain(f => f.Error is NodeFailedException && f.Error.Message.Contains("diverged", StringComparison.Ordinal));
        failures.Select(f => f.Step).Should().NotContain(s => s.Contains("NCF", StringComparison.Ordinal), "nothing of the NCF cell reads the MF SAEs");
        failures.Select(f => f.Step).Should().NotContain("recommender accuracy");
    }

    /// <summary>The NCF cell's results and the accuracy table are intact, as a run without the failure makes them.</summary>
    [Test]
    public void Other_results_are_intact()
    {
        Results.Accuracy().Rows.Should().HaveCount(3, "popularity, MF and NCF");
        Results.Concepts(Ncf).Report.Purity.Should().NotBeEmpty();
        Results.Interventions(Ncf).Suppressions.Should().NotBeEmpty();
        Results.Ablation(Ncf).Rows.Should().HaveCount(PredictionWeightAblation.PaperPredictionWeights.Count);
        Results.Concepts(Ncf).ToMarkdown().Should().Be(PlantedRun.Results.Concepts(PaperSetting.For(DatasetName.Synthetic, RecommenderKind.NCF)).ToMarkdown(),
            "the NCF cell's concepts are the same as in a run where nothing fails");
    }

    /// <summary>A result that reads a failed SAE throws, naming itself, the SAE that failed, the step it failed in and the error.</summary>
    [Test]
    public void A_dependent_result_names_the_failed_node_the_step_and_the_error()
    {
        var act = () => Results.Interventions(Mf);
        var e = act.Should().Throw<NodeFailedException>().Which;
        e.Requested.Should().Be("interventions synthetic MF");
        e.Node.Should().StartWith("synthetic MF SAE (synthetic, diverging");
        e.Step.Should().NotBe("(no step)");
        e.Error.Message.Should().Contain("SAE training diverged");
        e.Message.Should().Contain("interventions synthetic MF is not available: it needs synthetic MF SAE").And.Contain("failed in step '");
    }

    /// <summary>The report writes every section, saying "Not available" with the reason only where a result failed.</summary>
    [Test]
    public void Report_marks_only_what_is_missing()
    {
        using var t = new TempFolder();
        var options = new ReproduceOptions([DatasetName.Synthetic], [RecommenderKind.MF, RecommenderKind.NCF], 42, 1, "cpu", 1, t.File("report"), Quick: true, Force: false, null, PlantedRun.CacheDirectory, "reproduce --quick");
        string path = ReportWriter.Write(options, [(42UL, Results)], null, new StageTimes(), DateTimeOffset.UtcNow, TimeSpan.FromSeconds(1));
        string report = File.ReadAllText(path);
        foreach (string section in ReportWriter.Sections)
        {
            report.Should().Contain("## " + section);
        }
        report.Should().Contain("**Not available:** concepts synthetic MF is not available: it needs synthetic MF SAE");
        report.Should().Contain("### synthetic NCF").And.Contain("purity heatmap, synthetic NCF");
        report.Should().Contain("Recommender accuracy");
    }
}
