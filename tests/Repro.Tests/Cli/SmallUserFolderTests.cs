using System.Globalization;
using System.Text;
using FluentAssertions;
using NUnit.Framework;
using Repro.Cli.Report;
using Repro.Data;
using Repro.Tests.Data;

namespace Repro.Tests.Cli;

/// <summary>
/// Users' folders that pass the load checks also finish (issue #25, items 1 and 2): the intervention grids a small
/// folder cannot run are reported with the reason, and the rest of the report is written whole. Each test builds exactly
/// the folder of its case (the planted set in the ML-1M layout, <c>--presets quick</c>) and runs the CLI on it.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class SmallUserFolderTests
{
    private TempFolder _cache = null!;

    /// <summary>One model cache for the fixture (each folder trains its own models in it).</summary>
    [OneTimeSetUp]
    public void Cache() => _cache = new TempFolder();

    /// <summary>Deletes the cache.</summary>
    [OneTimeTearDown]
    public void Clean() => _cache.Dispose();

    /// <summary>
    /// 100 users (it crashed with <c>Parameter 'startingIndex'</c> after training): the SAE-test users are 20, all in the
    /// top-share audience, so the promotion's side effect has nobody to measure; the run exits 0, the grids run and the
    /// report says the side effect was not measured.
    /// </summary>
    [Test]
    public void A_folder_of_100_users_runs_and_reports_the_side_effect_it_cannot_measure()
    {
        using var data = new TempFolder();
        PlantedMovieLensFolder.Write(data.Path, MovieLensLayout.Dat, new SyntheticSettings(Users: 100));
        var (exit, report, err) = Reproduce(data.Path, "MF");
        exit.Should().Be(0, err);
        report.Should().Contain("Side effect\n\nNot measured: no SAE-test user is outside the audience.")
            .And.Contain("Item promotion, MF: exposure to Romance fans, audience 20").And.NotContain("SAE-test users (20 % of");
    }

    /// <summary>
    /// 60 users: 12 SAE-test users cannot make a 20-user top-share audience, so the suppression, fans' nudge and
    /// promotion grids are reported as not run, naming the numbers; every other section is written and the run exits 0.
    /// </summary>
    [Test]
    public void A_folder_of_60_users_reports_the_grids_it_cannot_run()
    {
        using var data = new TempFolder();
        PlantedMovieLensFolder.Write(data.Path, MovieLensLayout.Dat, new SyntheticSettings(Users: 60));
        File.Delete(data.File("users.dat")); // no ages: the nudge is a fans' nudge, which needs a top-share audience too
        var (exit, report, err) = Reproduce(data.Path, "MF");
        exit.Should().Be(0, err);
        const string TooFew = ". Not run: an audience is the 20 strongest fans among the SAE-test users, and this split has 12 SAE-test users (20 % of 60); at least 100 users are needed.";
        report.Should().Contain(" fans toward ").And.NotContain("Suppression, MF:").And.NotContain("Item promotion, MF:").And.NotContain("Nudging, MF:");
        foreach (string grid in new[] { "Suppress Horror", "Promote an off-concept item to Romance fans" })
        {
            report.Should().Contain("## " + grid + ": not run\n\nAudience: the 20 strongest " + (grid.StartsWith("Suppress", StringComparison.Ordinal) ? "Horror" : "Romance") + " fans" + TooFew);
        }
        System.Text.RegularExpressions.Regex.Count(report, ": not run\n\nAudience: [^\n]*" + System.Text.RegularExpressions.Regex.Escape(TooFew)).Should().BeGreaterThanOrEqualTo(4, "suppressions, the fans' nudge and the promotions");
    }

    /// <summary>
    /// A users.dat with three under-18 users, none of them among the SAE-test users (it crashed in the NCF interventions
    /// with <c>tensors</c>, and warned from <c>std()</c> in MF): the young-users nudge is planned, its audience is drawn
    /// from the SAE-test users and is empty, so it is reported as not run with the reason, for both models.
    /// </summary>
    [Test]
    public void Young_users_outside_the_sae_test_users_give_a_reported_skip()
    {
        using var data = new TempFolder();
        var planted = PlantedMovieLensFolder.Write(data.Path, MovieLensLayout.Dat, new SyntheticSettings(Users: 200));
        var loaded = UserDataset.Parse(UserDataset.MovieLensPrefix + data.Path).Load();
        var test = Split.Create(loaded, new SplitSettings(Seed: 42)).SaeTestUsers.ToHashSet();
        int[] young = [.. Enumerable.Range(0, planted.UserCount).Where(u => !test.Contains(u)).Take(3)];
        var users = new StringBuilder();
        for (int u = 0; u < planted.UserCount; u++)
        {
            users.Append(CultureInfo.InvariantCulture, $"{PlantedMovieLensFolder.UserId(u)}::F::{(young.Contains(u) ? 1 : 25)}::0::10000\n");
        }
        File.WriteAllText(data.File("users.dat"), users.ToString());

        var (exit, report, err) = Reproduce(data.Path, "MF,NCF");
        exit.Should().Be(0, err);
        err.Should().NotContain("std()");
        const string Reason = "Not run: no young user (age code 1) is among the 40 SAE-test users, from which every audience is drawn (3 young users in the dataset, all used to train the SAE).";
        report.Split("## Nudge young users (age code 1) toward Children's: not run\n\nAudience: young users (age code 1). " + Reason).Should().HaveCount(3, "one skip per model");
        report.Should().Contain("#### Suppression, NCF:").And.Contain("#### Item promotion, NCF:");
    }

    // Runs `repro reproduce` on a folder with the quick presets into a fresh output folder; checks the report is whole
    // (every section) and nothing half-written is left beside it; returns the exit code, the report and stderr.
    private (int Exit, string Report, string Err) Reproduce(string folder, string models)
    {
        using var parent = new TempFolder();
        string output = Path.Combine(parent.Path, "report");
        var (exit, _, err) = BadInputTests.Run("reproduce", "--data", UserDataset.MovieLensPrefix + folder, "--presets", "quick", "--model", models,
            "--output", output, "--cache-dir", _cache.Path);
        Directory.EnumerateFileSystemEntries(parent.Path).Should().Equal([output], "no staging folder is left beside the report");
        string report = File.Exists(Path.Combine(output, ReportWriter.FileName)) ? File.ReadAllText(Path.Combine(output, ReportWriter.FileName)) : "";
        foreach (string section in ReportWriter.Sections)
        {
            report.Should().Contain("\n## " + section + "\n", "the report is written whole");
        }
        report.Should().NotContain("**Not available:**");
        return (exit, report, err);
    }
}
