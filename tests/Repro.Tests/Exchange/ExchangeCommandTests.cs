using System.Text.RegularExpressions;
using FluentAssertions;
using NUnit.Framework;
using Repro.Tests.Cli;
using Repro.Tests.Data;
using Repro.Tests.EndToEnd;

namespace Repro.Tests.Exchange;

/// <summary>`repro export` then `repro reproduce --models/--sae` on the planted set, through the command line in process.</summary>
[TestFixture]
[NonParallelizable]
public sealed partial class ExchangeCommandTests
{
    /// <summary>
    /// Export → import gives byte-identical tables: the report made from the exported models alone (an empty model cache,
    /// nothing trained) equals the report made from the cache, every table, neuron card and plot; only the run's times
    /// differ. Every model of the imported run is recorded as imported, with its folder.
    /// </summary>
    [Test]
    public void Export_then_import_gives_identical_tables()
    {
        using var t = new TempFolder();
        string export = PlantedExport.Folder;
        var (cachedExit, _, cachedErr) = BadInputTests.Run("reproduce", "--quick", "--output", t.File("cached"), "--cache-dir", PlantedRun.CacheDirectory);
        cachedExit.Should().Be(0, cachedErr);
        var (exit, output, err) = BadInputTests.Run("reproduce", "--quick", "--models", export, "--output", t.File("imported"), "--cache-dir", t.File("empty-cache"));
        exit.Should().Be(0, err);

        Tables(t.File("cached")).Should().Be(Tables(t.File("imported")));
        foreach (string file in Directory.GetFiles(t.File("cached"), "*", SearchOption.AllDirectories).Where(f => !f.EndsWith("REPORT.md", StringComparison.Ordinal)))
        {
            string twin = Path.Combine(t.File("imported"), Path.GetRelativePath(t.File("cached"), file));
            File.ReadAllBytes(twin).Should().Equal(File.ReadAllBytes(file), Path.GetRelativePath(t.File("cached"), file) + " is byte-identical");
        }
        Directory.GetFiles(t.File("empty-cache")).Should().BeEmpty("nothing was trained or cached: every model was imported");
        output.Should().Contain($"Models: 0 trained (0.0 CPU s), 0 reused from the cache, {Directory.GetDirectories(export).Length} imported");
        string report = File.ReadAllText(Path.Combine(t.File("imported"), "REPORT.md"));
        report.Should().Contain("| imported models (--sae, --models) |").And.Contain("imported from " + PlantedExport.MfSae);
    }

    /// <summary>One SAE given with --sae is served for its node (recorded as imported, with its folder); the other models come from the cache.</summary>
    [Test]
    public void One_imported_SAE_replaces_its_node_and_the_rest_come_from_the_cache()
    {
        using var t = new TempFolder();
        var (exit, output, err) = BadInputTests.Run("reproduce", "--quick", "--model", "MF", "--sae", PlantedExport.MfSae, "--output", t.File("r"), "--cache-dir", PlantedRun.CacheDirectory);
        exit.Should().Be(0, err);
        output.Should().Contain("synthetic MF SAE (synthetic, λ_pred=1, seed 42): imported from " + PlantedExport.MfSae);
        output.Should().Contain("synthetic MF recommender: reused");
        output.Should().Contain("0 trained").And.Contain(", 1 imported");
        output.Should().NotContain("was imported but no step of this run asked for that model");
    }

    /// <summary>An SAE whose settings no step of the run asks for is read and checked, left unused, and named in a notice.</summary>
    [Test]
    public void An_import_no_step_asks_for_is_named_in_a_notice()
    {
        using var t = new TempFolder();
        string sae = PlantedExport.CopyOf(PlantedExport.MfSae, t.Path);
        string config = Path.Combine(sae, "config.json");
        File.WriteAllText(config, File.ReadAllText(config).Replace("\"steps\": 600,", "\"steps\": 601,", StringComparison.Ordinal));
        var (exit, output, err) = BadInputTests.Run("reproduce", "--quick", "--model", "MF", "--sae", sae, "--output", t.File("r"), "--cache-dir", PlantedRun.CacheDirectory);
        exit.Should().Be(0, err);
        output.Should().Contain($"Notice: {sae} (synthetic MF SAE (Plain, m = 16, λ_pred = 1, seed 42)) was imported but no step of this run asked for that model");
        output.Should().Contain("0 trained").And.NotContain(", 1 imported");
    }

    /// <summary>An SAE of a cell the run does not cover is bad usage (exit 2) naming the folder, its cell and the run's, before any work.</summary>
    [Test]
    public void An_import_for_a_cell_outside_the_run_is_bad_usage()
    {
        using var t = new TempFolder();
        var (exit, output, err) = BadInputTests.Run("reproduce", "--quick", "--model", "MF", "--sae", PlantedExport.NcfSae, "--output", t.File("r"), "--cache-dir", t.File("c"));
        exit.Should().Be(2);
        err.Should().Contain($"Cannot run: {PlantedExport.NcfSae} is the synthetic NCF SAE").And.Contain("this run covers synthetic × MF with seed(s) 42");
        output.Should().NotContain("recommender");
        Directory.Exists(t.File("r")).Should().BeFalse();
        Directory.Exists(t.File("c")).Should().BeFalse();
    }

    /// <summary>A recommender's folder given as --sae is refused naming the folder and the option that takes it.</summary>
    [Test]
    public void A_recommender_given_as_an_SAE_is_refused()
    {
        using var t = new TempFolder();
        var (exit, _, err) = BadInputTests.Run("reproduce", "--quick", "--sae", PlantedExport.MfRecommender, "--output", t.File("r"), "--cache-dir", t.File("c"));
        exit.Should().Be(1);
        err.Should().Contain($"Cannot import: {PlantedExport.MfRecommender}: holds a recommender, not an SAE; give a recommender (or a whole export) with --models.");
    }

    /// <summary>Export writes into a new or empty folder only: a folder holding a file is refused before any work, the file untouched and no staging folder left.</summary>
    [Test]
    public void Export_refuses_a_folder_that_holds_files()
    {
        using var t = new TempFolder();
        t.Write("out/keep.txt", "mine");
        var (exit, output, err) = BadInputTests.Run("export", "--quick", "--output", t.File("out"), "--cache-dir", t.File("c"));
        exit.Should().Be(2);
        err.Should().Contain($"Cannot export: the export folder {t.File("out")} already holds keep.txt: an export never overwrites or deletes files");
        output.Should().NotContain("recommender");
        File.ReadAllText(t.File("out/keep.txt")).Should().Be("mine");
        Directory.GetFileSystemEntries(t.Path).Select(Path.GetFileName).Should().BeEquivalentTo(["out"]);
    }

    /// <summary>Export's folder may not be the model cache or lie inside it.</summary>
    [Test]
    public void Export_refuses_the_model_cache()
    {
        using var t = new TempFolder();
        var (exit, _, err) = BadInputTests.Run("export", "--quick", "--output", t.File("c/export"), "--cache-dir", t.File("c"));
        exit.Should().Be(2);
        err.Should().Contain("are the same folder or one is inside the other");
        Directory.Exists(t.File("c")).Should().BeFalse();
    }

    // REPORT.md up to its timing sections, with the run's total time taken out: the tables the run computed.
    private static string Tables(string report)
    {
        string text = File.ReadAllText(Path.Combine(report, "REPORT.md"));
        text = text[..text.IndexOf("\n## Where the time went\n", StringComparison.Ordinal)];
        return TotalTime().Replace(text, "total time (removed)");
    }

    [GeneratedRegex(@"total time [0-9.]+ s")]
    private static partial Regex TotalTime();
}
