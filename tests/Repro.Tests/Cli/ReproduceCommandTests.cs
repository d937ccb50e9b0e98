using System.Text.RegularExpressions;
using FluentAssertions;
using NUnit.Framework;
using Repro.Cli;
using Repro.Cli.Report;
using Repro.Tests.Data;

namespace Repro.Tests.Cli;

/// <summary>`repro reproduce` end to end through the command line, in process, on the planted set.</summary>
[TestFixture]
[NonParallelizable]
public sealed partial class ReproduceCommandTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private TempFolder _cache = null!;
    private TempFolder _output = null!;
    private int _exit;

    /// <summary>
    /// Runs `repro reproduce --quick --model MF --seeds 2` once (MF has every section; NCF would double the SAE trainings;
    /// two seeds fill the seed-variation section), with a fresh model cache (no developer cache is read).
    /// </summary>
    [OneTimeSetUp]
    public void RunQuick()
    {
        _cache = new TempFolder();
        _output = new TempFolder();
        _exit = Program.Run(["reproduce", "--quick", "--model", "MF", "--seeds", "2", "--output", _output.Path, "--cache-dir", _cache.Path]);
    }

    /// <summary>Deletes the temporary folders.</summary>
    [OneTimeTearDown]
    public void Clean()
    {
        _cache.Dispose();
        _output.Dispose();
    }

    /// <summary>The quick run succeeds and writes REPORT.md with every section, in order.</summary>
    [Test]
    public void Quick_run_exits_0_with_every_report_section()
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
    }

    /// <summary>With two seeds, the seed-variation section covers every kind of headline number, each with both seeds' values.</summary>
    [Test]
    public void Seed_variation_covers_every_headline_number()
    {
        string report = File.ReadAllText(_output.File(ReportWriter.FileName));
        string section = report[report.IndexOf("\n## Seed variation\n", StringComparison.Ordinal)..report.IndexOf("\n## Where the time went\n", StringComparison.Ordinal)];
        section.Should().Contain("2 seeds (42, 43)");
        foreach (string quantity in new[] { "MF HR@10", "SAE RBO", "λ_pred ablation MS at λ_pred = 10", "popularity neuron, top-K mean rank share",
            "suppress", "nudge", "exposure at v = 4", "KL dead rate", "Matryoshka first band", "its purity@10" })
        {
            section.Should().Contain(quantity);
        }
    }

    /// <summary>The planted set cannot rule on the paper's claims, and the report says so instead of a ledger.</summary>
    [Test]
    public void Quick_report_says_the_ledger_does_not_apply()
    {
        string report = File.ReadAllText(_output.File(ReportWriter.FileName));
        report.Should().Contain("Not applicable to the planted set").And.NotContain("| REPRODUCED |");
    }

    /// <summary>Every image the report references exists next to it and is a PNG (signature bytes), and there is at least one of each kind.</summary>
    [Test]
    public void Every_referenced_plot_is_a_png()
    {
        string report = File.ReadAllText(_output.File(ReportWriter.FileName));
        var images = ImageLink().Matches(report).Select(m => m.Groups[1].Value).ToList();
        images.Should().Contain(i => i.Contains("prediction-weight-", StringComparison.Ordinal))
            .And.Contain(i => i.Contains("purity-", StringComparison.Ordinal))
            .And.Contain(i => i.Contains("suppression-", StringComparison.Ordinal))
            .And.Contain(i => i.Contains("frequency-", StringComparison.Ordinal))
            .And.Contain(i => i.Contains("matryoshka-", StringComparison.Ordinal));
        foreach (string rel in images)
        {
            Path.IsPathRooted(rel).Should().BeFalse();
            string path = Path.Combine(_output.Path, rel);
            File.Exists(path).Should().BeTrue(path);
            File.ReadAllBytes(path).Take(8).Should().Equal(PngSignature, rel);
        }
    }

    /// <summary>An unknown option is bad usage: exit code 2, nothing run.</summary>
    [Test]
    public void Unknown_option_is_bad_usage()
    {
        Program.Run(["reproduce", "--no-such-option"]).Should().Be(2);
    }

    /// <summary>An unknown dataset name is bad usage too (validated before anything runs).</summary>
    [Test]
    public void Unknown_dataset_is_bad_usage()
    {
        Program.Run(["reproduce", "--dataset", "ml-1m,netflix"]).Should().Be(2);
    }

    /// <summary>Without the real data (an empty data folder) the run stops with exit code 1 before training anything.</summary>
    [Test]
    public void Missing_data_exits_1()
    {
        using var empty = new TempFolder();
        using var output = new TempFolder();
        Program.Run(["reproduce", "--data-dir", empty.Path, "--output", output.Path, "--cache-dir", _cache.Path]).Should().Be(1);
        File.Exists(output.File(ReportWriter.FileName)).Should().BeFalse();
    }

    /// <summary>A step that throws (CUDA asked for on a machine without it) is a named failure: exit code 1, no report.</summary>
    [Test]
    public void Failed_step_exits_1()
    {
        Assume.That(TorchSharp.torch.cuda.is_available(), Is.False, "needs a machine without CUDA");
        using var output = new TempFolder();
        Program.Run(["reproduce", "--quick", "--device", "cuda", "--output", output.Path, "--cache-dir", _cache.Path]).Should().Be(1);
        File.Exists(output.File(ReportWriter.FileName)).Should().BeFalse();
    }

    [GeneratedRegex(@"!\[[^\]]*\]\(([^)]+)\)")]
    private static partial Regex ImageLink();
}
