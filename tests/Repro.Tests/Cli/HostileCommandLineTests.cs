using System.Text;
using FluentAssertions;
using NUnit.Framework;
using Repro.Cli.Commands;
using Repro.Cli.Report;
using Repro.Data;
using Repro.Tests.Data;

namespace Repro.Tests.Cli;

/// <summary>
/// The hostile command lines of issue #25, run in process: report and cache folders that collide, a report folder that
/// is a link, a seed range past 2^64, --data pointing at a file or named twice, and users' folders that fail their
/// load step. Each is refused with its exit code and a message naming what is wrong, and leaves no report, no
/// checkpoint and no folder it was refused over.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class HostileCommandLineTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args) => BadInputTests.Run(args);

    /// <summary>
    /// The same folder as report and cache, however spelled, is refused before any work naming both (it exited 0 and
    /// deleted every checkpoint when the report was swapped in); nothing is created, and a checkpoint already there is kept.
    /// </summary>
    [TestCase("shared", "shared", "shared")]
    [TestCase("shared/", "shared", "shared")]
    [TestCase("shared", "./x/../shared/.", "shared")]
    [TestCase("link", "shared", "link (= {dir})")]
    public void The_same_folder_for_report_and_cache_is_refused(string output, string cache, string shownOutput)
    {
        using var t = new TempFolder();
        string dir = t.File("shared");
        if (output == "link")
        {
            Directory.CreateSymbolicLink(t.File("link"), dir);
        }

        var (exit, stdout, err) = Run("reproduce", "--quick", "--output", t.File(output), "--cache-dir", t.File(cache));

        exit.Should().Be(2);
        err.Should().Contain($"Cannot run: the report folder {t.File(shownOutput.Replace("{dir}", dir, StringComparison.Ordinal))} (--output) and the model cache {dir} (--cache-dir) are the same folder")
            .And.Contain("would delete every trained model");
        stdout.Should().NotContain("device:");
        Directory.Exists(dir).Should().BeFalse("a refused run creates nothing");
        Directory.EnumerateFileSystemEntries(t.Path).Where(e => e != t.File("link")).Should().BeEmpty();

        t.Write("shared/model.ckpt", "a trained model");
        Run("reproduce", "--quick", "--output", t.File(output), "--cache-dir", t.File(cache)).Exit.Should().Be(2);
        File.ReadAllText(t.File("shared/model.ckpt")).Should().Be("a trained model");
    }

    /// <summary>A cache inside the report folder, or a report folder inside the cache, is refused naming both and the collision, before either folder is created.</summary>
    [TestCase("report", "report/cache", "the model cache {cache} (--cache-dir) is inside the report folder {report} (--output)")]
    [TestCase("cache/report", "cache", "the report folder {report} (--output) is inside the model cache {cache} (--cache-dir)")]
    public void Nested_report_and_cache_folders_are_refused_before_anything_is_created(string output, string cache, string message)
    {
        using var t = new TempFolder();

        var (exit, _, err) = Run("reproduce", "--quick", "--output", t.File(output), "--cache-dir", t.File(cache));

        exit.Should().Be(2);
        err.Should().Contain("Cannot run: " + message.Replace("{cache}", t.File(cache), StringComparison.Ordinal).Replace("{report}", t.File(output), StringComparison.Ordinal));
        Directory.EnumerateFileSystemEntries(t.Path).Should().BeEmpty("neither folder is created");
    }

    /// <summary>
    /// A report folder that is a symbolic link is refused, naming its target (the swap replaced the link and left the
    /// old report at the target): the link, the old report and the cache folder are as they were.
    /// </summary>
    [Test]
    public void A_report_folder_that_is_a_link_is_refused()
    {
        using var t = new TempFolder();
        t.Write("real/REPORT.md", "the old report");
        Directory.CreateSymbolicLink(t.File("link"), t.File("real"));

        var (exit, _, err) = Run("reproduce", "--quick", "--output", t.File("link"), "--cache-dir", t.File("cache"));

        exit.Should().Be(2);
        err.Should().Contain($"Cannot run: the report folder {t.File("link")} is a symbolic link to {t.File("real")}")
            .And.Contain("give the folder itself with --output " + t.File("real"));
        new DirectoryInfo(t.File("link")).LinkTarget.Should().Be(t.File("real"));
        File.ReadAllText(t.File("real/REPORT.md")).Should().Be("the old report");
        Directory.Exists(t.File("cache")).Should().BeFalse();
    }

    /// <summary>A seed range that would pass 2^64 − 1 and wrap to 0 is bad usage naming the largest seed allowed with that many seeds.</summary>
    [TestCase("18446744073709551615", "2", "18446744073709551614")]
    [TestCase("18446744073709551610", "7", "18446744073709551609")]
    public void A_seed_range_past_2_to_the_64_is_bad_usage(string seed, string seeds, string largest)
    {
        var (exit, _, err) = Run("reproduce", "--quick", "--seed", seed, "--seeds", seeds);

        exit.Should().Be(2);
        err.Should().Contain($"the largest allowed --seed with --seeds {seeds} is {largest}.");
        ReproduceCommand.SeedRangeProblem(ulong.Parse(largest, System.Globalization.CultureInfo.InvariantCulture), int.Parse(seeds, System.Globalization.CultureInfo.InvariantCulture))
            .Should().BeNull("the last seed is then exactly 2^64 − 1");
    }

    /// <summary>--data naming a file says it is a file (it said the folder does not exist), before anything is created.</summary>
    [Test]
    public void Data_naming_a_file_says_it_is_a_file()
    {
        using var t = new TempFolder();
        t.Write("ratings.csv", "userId,movieId,rating\n1,1,4\n");

        var (exit, _, err) = Run("reproduce", "--data", UserDataset.MovieLensPrefix + t.File("ratings.csv"), "--output", t.File("report"), "--cache-dir", t.File("cache"));

        exit.Should().Be(1);
        err.Should().Contain(t.File("ratings.csv")).And.Contain("a file, not a folder").And.NotContain("does not exist");
        Directory.Exists(t.File("report")).Should().BeFalse();
        Directory.Exists(t.File("cache")).Should().BeFalse();
    }

    /// <summary>
    /// The same folder twice in --data (another spelling, or a link to it) is read and trained once (decision: dropped
    /// with a notice, as a repeated --dataset is), and the run says so.
    /// </summary>
    [Test]
    public void The_same_data_folder_twice_is_used_once_with_a_notice()
    {
        using var t = new TempFolder();
        PlantedMovieLensFolder.Write(t.File("films"), MovieLensLayout.Csv);
        Directory.CreateSymbolicLink(t.File("alias"), t.File("films"));
        string[] specs = [UserDataset.MovieLensPrefix + t.File("films"), UserDataset.MovieLensPrefix + t.File("films") + "/", UserDataset.MovieLensPrefix + t.File("alias")];
        var notices = new List<string>();

        var users = ReproduceCommand.UserDatasets(specs, "quick", notices);

        users.Should().ContainSingle().Which.Name.Should().Be(new DatasetName("films"));
        notices.Should().HaveCount(2).And.AllSatisfy(n => n.Should().Contain($"is the folder of an earlier --data ({t.File("films")}); it is read and trained once, as films."));

        // Through the command line: the notice is printed before the run (which stops here at a report path that is a file).
        t.Write("report", "not a folder");
        var (exit, stdout, err) = Run(["reproduce", "--data", specs[0], "--data", specs[2], "--presets", "quick", "--output", t.File("report"), "--cache-dir", t.File("cache")]);
        exit.Should().Be(2, err);
        stdout.Should().Contain($"Notice: --data {specs[2]} is the folder of an earlier --data");
    }

    /// <summary>
    /// A users' folder that only fails when it is read (one genre, no genre, a NaN rating in either layout) fails its
    /// load step with exit 1 and a message naming the file, the line where there is one, and what was expected; no
    /// report is written, nothing is staged beside it and no model is trained into the cache.
    /// </summary>
    [TestCase("one genre", "movies.csv", null, "expected at least two genres among the rated movies", "only one genre, Drama")]
    [TestCase("no genre", "movies.csv", null, "expected at least two genres among the rated movies", "no genre")]
    [TestCase("NaN in ratings.csv", "ratings.csv", 2, "expected a rating from 0.5 to 5", "NaN")]
    [TestCase("nan in ratings.dat", "ratings.dat", 1, "expected a rating from 0.5 to 5", "nan")]
    public void A_folder_that_fails_to_load_names_file_line_and_expectation(string hostile, string file, int? line, string expected, string found)
    {
        using var t = new TempFolder();
        string data = t.File("films");
        var layout = file.EndsWith(".dat", StringComparison.Ordinal) ? MovieLensLayout.Dat : MovieLensLayout.Csv;
        PlantedMovieLensFolder.Write(data, layout);
        string path = Path.Combine(data, file);
        string text = File.ReadAllText(path, Encoding.Latin1);
        File.WriteAllText(path, hostile switch
        {
            "one genre" => string.Join("\r\n", text.Split("\r\n").Select((l, k) => k == 0 || l.Length == 0 ? l : l[..(l.LastIndexOf(',') + 1)] + "Drama")),
            "no genre" => string.Join("\r\n", text.Split("\r\n").Select((l, k) => k == 0 || l.Length == 0 ? l : l[..(l.LastIndexOf(',') + 1)] + MovieLensFolder.NoGenres)),
            "NaN in ratings.csv" => ReplaceRating(text, ",", "NaN", headerLines: 1),
            _ => ReplaceRating(text, "::", "nan", headerLines: 0),
        }, Encoding.Latin1);

        var (exit, _, err) = Run("reproduce", "--data", UserDataset.MovieLensPrefix + data, "--presets", "quick", "--output", t.File("out/report"), "--cache-dir", t.File("cache"));

        exit.Should().Be(1);
        string where = line is int l ? $"{path}, line {l}" : path;
        err.Should().Contain($"Step 'load films' failed: {where}: {expected}").And.Contain($"found \"{found}").And.NotContain("   at ");
        File.Exists(t.File("out/report/" + ReportWriter.FileName)).Should().BeFalse();
        Directory.EnumerateFileSystemEntries(t.File("out")).Should().BeEmpty("no staging folder is left beside the report");
        (Directory.Exists(t.File("cache")) ? Directory.EnumerateFiles(t.File("cache"), "*", SearchOption.AllDirectories) : []).Should().BeEmpty("nothing was trained");
    }

    // The rating of the first data line (the third field) replaced by `value`.
    private static string ReplaceRating(string text, string separator, string value, int headerLines)
    {
        string[] lines = text.Split('\n');
        string[] fields = lines[headerLines].Split(separator);
        fields[2] = value;
        lines[headerLines] = string.Join(separator, fields);
        return string.Join('\n', lines);
    }
}
