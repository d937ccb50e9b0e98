using System.Security.Cryptography;
using FluentAssertions;
using NUnit.Framework;
using Repro.Cli;
using Repro.Cli.Report;
using Repro.Data;
using Repro.Experiments;
using Repro.Orchestration;
using Repro.Presentation;
using Repro.Recommenders;
using Repro.Tests.Data;

namespace Repro.Tests.Cli;

/// <summary>
/// `repro reproduce --data movielens:DIR` end to end, in process, on the planted set written to disk in the ML-1M
/// layout: a folder the suite has never seen, with small models (<c>--presets quick</c>).
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class UserDatasetReproduceTests
{
    private TempFolder _data = null!;
    private TempFolder _cache = null!;
    private TempFolder _output = null!;
    private string _name = "";
    private int _exit;

    /// <summary>Writes the planted folder and runs the reproduction on it once (MF only, as the quick CLI test does), with a fresh model cache.</summary>
    [OneTimeSetUp]
    public void Run()
    {
        _data = new TempFolder();
        _cache = new TempFolder();
        _output = new TempFolder();
        PlantedMovieLensFolder.Write(_data.Path, MovieLensLayout.Dat);
        // No film of the 1970s: the report must not list that decade.
        string movies = _data.File("movies.dat");
        File.WriteAllText(movies, System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(movies, System.Text.Encoding.Latin1), @"\(197\d\)", "(1995)"), System.Text.Encoding.Latin1);
        _name = UserDataset.Parse(UserDataset.MovieLensPrefix + _data.Path).Name.Value;
        _exit = Program.Run(["reproduce", "--data", UserDataset.MovieLensPrefix + _data.Path, "--presets", "quick", "--model", "MF", "--output", _output.Path, "--cache-dir", _cache.Path]);
    }

    /// <summary>Deletes the temporary folders.</summary>
    [OneTimeTearDown]
    public void Clean()
    {
        _data.Dispose();
        _cache.Dispose();
        _output.Dispose();
    }

    /// <summary>The run succeeds and the report has the same sections, in the same order, as the paper's.</summary>
    [Test]
    public void A_users_folder_gives_a_report_with_every_section()
    {
        _exit.Should().Be(0);
        string report = File.ReadAllText(_output.File(ReportWriter.FileName));
        int at = -1;
        foreach (string section in ReportWriter.Sections)
        {
            int next = report.IndexOf("\n## " + section + "\n", StringComparison.Ordinal);
            next.Should().BeGreaterThan(at, $"section '{section}' must exist and follow the previous one");
            at = next;
        }
        report.Should().Contain("### " + _name + " MF").And.Contain("## Interventions");
    }

    /// <summary>The same plots as the paper's report: every kind is referenced and every referenced PNG exists.</summary>
    [Test]
    public void The_report_has_the_same_plots()
    {
        string report = File.ReadAllText(_output.File(ReportWriter.FileName));
        var images = System.Text.RegularExpressions.Regex.Matches(report, @"!\[[^\]]*\]\(([^)]+)\)").Select(m => m.Groups[1].Value).ToList();
        foreach (string kind in new[] { "prediction-weight-", "purity-", "suppression-", "frequency-", "matryoshka-" })
        {
            images.Should().Contain(i => i.Contains(kind, StringComparison.Ordinal), kind);
        }
        images.Should().OnlyContain(i => File.Exists(Path.Combine(_output.Path, i)));
    }

    /// <summary>No paper columns and no claims verdicts on a dataset the paper never saw.</summary>
    [Test]
    public void The_report_has_no_paper_columns()
    {
        string report = File.ReadAllText(_output.File(ReportWriter.FileName));
        // "HR@10 (paper)" names the paper's evaluation protocol, measured here; these are the paper's own numbers.
        report.Should().NotContain("RBO (paper)").And.NotContain("Orig (paper)").And.NotContain("not measured here").And.NotContain("| REPRODUCED |")
            .And.Contain("Not applicable: the paper reports no numbers on " + _name)
            .And.Contain("Not applicable to your dataset");
    }

    /// <summary>
    /// The report on a user's folder carries none of the paper's Tolerances lines (measured on the paper's data), names
    /// the presets as the command line does (--presets quick, never "synthetic presets"), and lists no empty decade.
    /// </summary>
    [Test]
    public void The_report_speaks_of_the_users_folder_only()
    {
        string report = File.ReadAllText(_output.File(ReportWriter.FileName));
        report.Should().NotContain("Tolerances:").And.NotContain("synthetic presets").And.Contain("trained with `--presets quick` (the planted set's small, fast models)");
        report.Should().Contain("| 1980s |").And.NotContain("| 1970s |");
    }

    /// <summary>The provenance section names the folder and the SHA-256 of every file read.</summary>
    [Test]
    public void Provenance_names_the_folder_and_every_files_sha256()
    {
        string report = File.ReadAllText(_output.File(ReportWriter.FileName));
        string provenance = report[report.IndexOf("\n## Provenance\n", StringComparison.Ordinal)..];
        provenance.Should().Contain(_data.Path).And.Contain("Dat layout, --presets quick");
        foreach (string file in new[] { "ratings.dat", "movies.dat", "users.dat" })
        {
            provenance.Should().Contain(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(_data.File(file)))), file);
        }
    }

    /// <summary>
    /// The planted genres are found in the folder as in the generated set: every genre has an MF neuron with
    /// purity@20 ≥ 0.9 (the same session API, reusing the CLI run's checkpoints, so nothing is retrained).
    /// </summary>
    [Test]
    public void Every_planted_genre_has_a_pure_neuron()
    {
        var user = UserDataset.Parse(UserDataset.MovieLensPrefix + _data.Path, PresetFamily.Quick);
        using var session = new ReproductionSession(new SessionOptions(CacheDirectory: _cache.Path) { UserDatasets = [user] }, SilentProgress.Instance);
        var results = new PaperResults(session, [user.Name], [RecommenderKind.MF]);
        var cell = results.Cells.Single();

        cell.Recommender.Should().Be(RecommenderSettings.SyntheticMf);
        cell.Sae.Should().Be(PaperSetting.SyntheticSae);
        var purity = results.Concepts(cell).Report.PurityOf("genre");
        TestContext.Out.WriteLine(purity.ToMarkdown());
        purity.Rows.Should().OnlyContain(r => r.PurityAt20 >= 0.9);
    }

    /// <summary>
    /// A --data value without the movielens: prefix is bad usage (exit 2); a folder that is not there, or whose files do
    /// not parse, fails before anything is trained (exit 1, no report).
    /// </summary>
    [Test]
    public void Bad_data_arguments_fail_early()
    {
        Program.Run(["reproduce", "--data", _data.Path]).Should().Be(2);
        Program.Run(["reproduce", "--quick", "--data", UserDataset.MovieLensPrefix + _data.Path]).Should().Be(2);
        using var output = new TempFolder();
        Program.Run(["reproduce", "--data", UserDataset.MovieLensPrefix + _data.File("missing"), "--output", output.Path, "--cache-dir", _cache.Path]).Should().Be(1);
        File.Exists(output.File(ReportWriter.FileName)).Should().BeFalse();
        using var broken = new TempFolder();
        broken.Write("movies.csv", "movieId,title,genres\n1,Toy Story (1995),Comedy\n");
        broken.Write("ratings.csv", "userId,movieId,rating\n1,1,4\n1,2,4\n");
        Program.Run(["reproduce", "--data", UserDataset.MovieLensPrefix + broken.Path, "--output", output.Path, "--cache-dir", _cache.Path]).Should().Be(1);
        File.Exists(output.File(ReportWriter.FileName)).Should().BeFalse();
    }
}
