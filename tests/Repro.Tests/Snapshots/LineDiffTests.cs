using System.Diagnostics;
using System.Text;
using FluentAssertions;
using NUnit.Framework;
using Repro.Snapshots;

namespace Repro.Tests.Snapshots;

/// <summary>The snapshot diff stays readable and bounded whatever it is given.</summary>
[TestFixture]
public sealed class LineDiffTests
{
    /// <summary>A changed line shows as -/+ with context.</summary>
    [Test]
    public void Changed_line_is_shown_with_context()
    {
        string d = LineDiff.Unified("a\nb\nc\nd\ne\nf\n", "a\nb\nc\nD\ne\nf\n", "v", "r");
        d.Should().Be("--- v\n+++ r\n...\n  b\n  c\n- d\n+ D\n  e\n  f\n");
    }

    /// <summary>A 6 MB received table against a 1,193-line approved one took 99 s and 14.5 GB; now it is bounded (generous limit for a loaded 2-core box).</summary>
    [Test]
    public void Huge_received_file_is_diffed_quickly_and_briefly()
    {
        string approved = string.Concat(Enumerable.Range(0, 1193).Select(i => $"| row {i} | {i * 0.5} |\n"));
        string received = string.Concat(Enumerable.Range(0, 120_000).Select(i => $"| other {i} | {i} | padding padding padding |\n"));
        received.Length.Should().BeGreaterThan(5_000_000);
        var sw = Stopwatch.StartNew();
        string d = LineDiff.Unified(approved, received, "v", "r");
        sw.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
        d.Split('\n').Length.Should().BeLessThan(LineDiff.MaxOutputLines + 10);
        d.Should().Contain("more diff lines not shown");
    }

    /// <summary>Binary garbage is summarised, never written raw (escape codes and NULs reached the terminal).</summary>
    [Test]
    public void Binary_content_is_summarised()
    {
        var rng = new Random(7);
        byte[] bytes = new byte[300_000];
        rng.NextBytes(bytes);
        string garbage = Encoding.Latin1.GetString(bytes);
        string d = LineDiff.Unified("| a |\n", garbage, "v", "r.received.md");
        d.Should().Contain("(not shown: r.received.md is not text");
        d.Length.Should().BeLessThan(400);
        d.Should().NotContain("\u001b").And.NotContain("\0");
    }

    /// <summary>A stray escape sequence in an otherwise textual line is shown escaped.</summary>
    [Test]
    public void Control_characters_are_escaped() =>
        LineDiff.Unified("a\n", "a\u001b[2Jb\n", "v", "r").Should().Contain("+ a\\x1b[2Jb");
}
