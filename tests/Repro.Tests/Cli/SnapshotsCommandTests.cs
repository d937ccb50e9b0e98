using FluentAssertions;
using NUnit.Framework;
using Repro.Tests.Data;

namespace Repro.Tests.Cli;

/// <summary>
/// `repro snapshots` against a checkout root built by each test (REPRO_ROOT, in the CLI's own process): a root without
/// approved tables is an error, never "every table matches"; `accept` checks every name before it moves a file and
/// never moves one outside expected/.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class SnapshotsCommandTests
{
    private const string Everything = "Every produced table matches its approved file.";

    /// <summary>A root with no expected/ folder (a wrong or missing REPRO_ROOT) is exit 1 naming the folder looked for, for the list and for accept.</summary>
    [TestCase("snapshots")]
    [TestCase("snapshots accept --all")]
    public void A_root_without_approved_tables_is_an_error(string command)
    {
        using var root = new TempFolder();

        var (exit, stdout, err) = CliProcess.Run(root.Path, command.Split(' '));

        exit.Should().Be(1, stdout + err);
        err.Should().Contain($"repro: no approved tables: the folder {root.File("expected")} does not exist").And.Contain("set REPRO_ROOT");
        stdout.Should().NotContain(Everything);
    }

    /// <summary>An expected/ folder with no approved table in it is not a checkout's either: exit 1, naming it.</summary>
    [Test]
    public void An_empty_approved_folder_is_an_error()
    {
        using var root = new TempFolder();
        root.Write("expected/README.txt", "not a table");

        var (exit, stdout, err) = CliProcess.Run(root.Path, "snapshots");

        exit.Should().Be(1);
        err.Should().Contain($"no approved tables: {root.File("expected")} holds no *.verified.md file");
        stdout.Should().NotContain(Everything);
    }

    /// <summary>In a checkout whose tables match, the list still says so and exits 0.</summary>
    [Test]
    public void Matching_tables_are_still_reported_as_matching()
    {
        using var root = new TempFolder();
        root.Write("expected/T.A.verified.md", "| a |\n");

        var (exit, stdout, _) = CliProcess.Run(root.Path, "snapshots");

        exit.Should().Be(0);
        stdout.Should().Contain(Everything);
    }

    /// <summary>
    /// A name with a folder part or '..' (anything resolving outside expected/) is refused, with every other name on
    /// the line, before any file moves (it moved files outside expected/).
    /// </summary>
    [TestCase("../outside")]
    [TestCase("..")]
    [TestCase("sub/../../outside")]
    [TestCase("/tmp/outside")]
    public void Accept_refuses_a_name_outside_the_approved_folder_and_moves_nothing(string bad)
    {
        using var root = PendingCheckout();

        var (exit, stdout, err) = CliProcess.Run(root.Path, "snapshots", "accept", "T.A", bad);

        exit.Should().Be(2, stdout + err);
        err.Should().Contain($"'{bad}' is not a snapshot name").And.Contain("Nothing was accepted.");
        stdout.Should().NotContain("accepted");
        AssertNothingMoved(root);
    }

    /// <summary>A name with no received file among good ones accepts none of them (it accepted the names before it, then failed).</summary>
    [Test]
    public void Accept_checks_every_name_before_moving_any_file()
    {
        using var root = PendingCheckout();

        var (exit, stdout, err) = CliProcess.Run(root.Path, "snapshots", "accept", "T.A", "T.Missing");

        exit.Should().Be(1);
        err.Should().Contain($"No received file for 'T.Missing' (looked for {root.File("expected/T.Missing.received.md")})").And.Contain("Nothing was accepted");
        stdout.Should().NotContain("accepted T.A");
        AssertNothingMoved(root);

        var (ok, accepted, _) = CliProcess.Run(root.Path, "snapshots", "accept", "T.A");
        ok.Should().Be(0);
        accepted.Should().Contain("accepted T.A");
        File.ReadAllText(root.File("expected/T.A.verified.md")).Should().Be("new\n");
    }

    // A checkout with one pending table (T.A) and, beside expected/, a received file a traversal would reach.
    private static TempFolder PendingCheckout()
    {
        var root = new TempFolder();
        root.Write("expected/T.A.verified.md", "old\n");
        root.Write("expected/T.A.received.md", "new\n");
        root.Write("outside.received.md", "not a table\n");
        return root;
    }

    private static void AssertNothingMoved(TempFolder root)
    {
        File.ReadAllText(root.File("expected/T.A.verified.md")).Should().Be("old\n");
        File.Exists(root.File("expected/T.A.received.md")).Should().BeTrue();
        File.Exists(root.File("outside.received.md")).Should().BeTrue();
        File.Exists(root.File("outside.verified.md")).Should().BeFalse();
        Directory.EnumerateFiles(root.Path, "*.verified.md", SearchOption.AllDirectories).Should().ContainSingle();
    }
}
