using FluentAssertions;
using NUnit.Framework;
using Repro.Cli.Report;
using Repro.Tests.Data;

namespace Repro.Tests.Cli;

/// <summary>The report folder is swapped in whole: nothing of an earlier run survives, killed runs' leftovers go, concurrent runs do not collide.</summary>
[TestFixture]
public sealed class ReportFolderTests
{
    private static void WriteReport(ReportFolder folder, string text)
    {
        File.WriteAllText(Path.Combine(folder.Staging, ReportWriter.FileName), text);
        Directory.CreateDirectory(Path.Combine(folder.Staging, "neuron-cards"));
        File.WriteAllText(Path.Combine(folder.Staging, "neuron-cards", "new.md"), text);
    }

    /// <summary>A stale neuron card or plot of an earlier run is gone after a new report is committed; the old report stays until the swap.</summary>
    [Test]
    public void Commit_replaces_the_whole_folder()
    {
        using var t = new TempFolder();
        t.Write("report/REPORT.md", "old");
        t.Write("report/neuron-cards/stale.md", "old");
        t.Write("report/plots/stale.png", "old");

        using (var folder = ReportFolder.Stage(t.File("report")))
        {
            WriteReport(folder, "new");
            File.ReadAllText(t.File("report/REPORT.md")).Should().Be("old", "the old report stays whole until the swap");
            folder.Commit();
        }

        File.ReadAllText(t.File("report/REPORT.md")).Should().Be("new");
        File.Exists(t.File("report/neuron-cards/stale.md")).Should().BeFalse();
        Directory.Exists(t.File("report/plots")).Should().BeFalse();
        Directory.GetFileSystemEntries(t.Path).Should().ContainSingle("no staging or old folder is left beside the report");
    }

    /// <summary>A run that fails before committing leaves the old report as it was and no staging folder.</summary>
    [Test]
    public void Failed_run_leaves_the_old_report()
    {
        using var t = new TempFolder();
        t.Write("report/REPORT.md", "old");
        using (var folder = ReportFolder.Stage(t.File("report")))
        {
            WriteReport(folder, "half");
        }
        File.ReadAllText(t.File("report/REPORT.md")).Should().Be("old");
        Directory.GetFileSystemEntries(t.Path).Should().ContainSingle();
    }

    /// <summary>Staging and old folders of a killed run (its process gone) are removed by the next run.</summary>
    [Test]
    public void Leftovers_of_a_killed_run_are_removed()
    {
        using var t = new TempFolder();
        t.Write(".report.staging-999999999-0123/REPORT.md", "half");
        t.Write(".report.old-999999999-4567/REPORT.md", "old");
        t.Write(".report-notes/keep.txt", "not ours");
        using (var folder = ReportFolder.Stage(t.File("report")))
        {
            WriteReport(folder, "new");
            folder.Commit();
        }
        Directory.GetFileSystemEntries(t.Path).Select(Path.GetFileName).Should().BeEquivalentTo("report", ".report-notes");
    }

    /// <summary>Two runs committing into one folder at once both succeed and leave one whole report (they collided on fixed temp names).</summary>
    [Test]
    public void Concurrent_commits_leave_one_whole_report()
    {
        using var t = new TempFolder();
        var runs = Enumerable.Range(0, 8).Select(i => Task.Run(() =>
        {
            using var folder = ReportFolder.Stage(t.File("report"));
            WriteReport(folder, "run " + i);
            folder.Commit();
        })).ToArray();
        Task.WaitAll(runs);
        string text = File.ReadAllText(t.File("report/REPORT.md"));
        File.ReadAllText(t.File("report/neuron-cards/new.md")).Should().Be(text);
        Directory.GetFileSystemEntries(t.Path).Should().ContainSingle();
    }

    /// <summary>An existing report folder is fine; one holding a user's file is named as the problem.</summary>
    [Test]
    public void Problem_names_a_foreign_file()
    {
        using var t = new TempFolder();
        t.Write("report/REPORT.md", "old");
        t.Write("report/plots/a.png", "png");
        ReportFolder.Problem(t.File("report")).Should().BeNull();
        t.Write("report/plots/analysis.ipynb", "{}");
        ReportFolder.Problem(t.File("report")).Should().Contain("holds plots/analysis.ipynb, which no report wrote");
    }
}
