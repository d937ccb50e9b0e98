using FluentAssertions;
using NUnit.Framework;
using Repro.Snapshots;

namespace Repro.Tests.Snapshots;

/// <summary>The approval store follows Verify's conventions and never accepts under CI.</summary>
[NonParallelizable]
public class SnapshotStoreTests
{
    private string _dir = "";
    private string? _ci, _accept;

    /// <summary>Creates the fresh temporary folder each test works in.</summary>
    [SetUp]
    public void CreateFolder()
    {
        _dir = Path.Combine(Path.GetTempPath(), "repro-snap-" + Guid.NewGuid().ToString("N"));
        _ci = Environment.GetEnvironmentVariable("CI");
        _accept = Environment.GetEnvironmentVariable("REPRO_ACCEPT");
        Environment.SetEnvironmentVariable("REPRO_ACCEPT", null);
    }

    /// <summary>Removes the temporary folder and everything the test wrote there.</summary>
    [TearDown]
    public void RemoveFolder()
    {
        Environment.SetEnvironmentVariable("CI", _ci);
        Environment.SetEnvironmentVariable("REPRO_ACCEPT", _accept);
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, true);
        }
    }

    /// <summary>A missing approved file writes the received one and reports Missing.</summary>
    [Test]
    public void Missing_approval_writes_received_file()
    {
        var store = new SnapshotStore(_dir);
        var r = store.Check("T.A", "| a |\n");
        r.Status.Should().Be(SnapshotStatus.Missing);
        File.ReadAllText(store.ReceivedPath("T.A")).Should().Be("| a |\n");
        store.Pending().Should().Equal("T.A");
    }

    /// <summary>A difference shows as a line diff naming both files, and a later match removes the received file.</summary>
    [Test]
    public void Difference_gives_line_diff_and_match_clears_received()
    {
        var store = new SnapshotStore(_dir);
        Directory.CreateDirectory(_dir);
        File.WriteAllText(store.VerifiedPath("T.B"), "x\ny\nz\n");
        var r = store.Check("T.B", "x\nY\nz\n");
        r.Status.Should().Be(SnapshotStatus.Differs);
        r.Diff.Should().Contain("- y").And.Contain("+ Y").And.Contain("T.B.verified.md");
        store.Check("T.B", "x\r\ny  \nz").Status.Should().Be(SnapshotStatus.Matched);
        File.Exists(store.ReceivedPath("T.B")).Should().BeFalse();
    }

    /// <summary>Under CI=true neither REPRO_ACCEPT nor an explicit accept changes an approved file.</summary>
    [Test]
    public void Nothing_is_accepted_under_CI()
    {
        Environment.SetEnvironmentVariable("CI", "true");
        Environment.SetEnvironmentVariable("REPRO_ACCEPT", "1");
        var store = new SnapshotStore(_dir);
        store.Check("T.C", "new\n").Status.Should().Be(SnapshotStatus.Missing);
        File.Exists(store.VerifiedPath("T.C")).Should().BeFalse();
        store.Invoking(s => s.Accept("T.C")).Should().Throw<InvalidOperationException>().WithMessage("*CI=true*");
    }

    /// <summary>Locally, an explicit accept moves the received file over the approved one.</summary>
    [Test]
    public void Accept_replaces_the_approved_file_locally()
    {
        Environment.SetEnvironmentVariable("CI", null);
        var store = new SnapshotStore(_dir);
        store.Check("T.D", "v2\n");
        store.Accept("T.D");
        File.ReadAllText(store.VerifiedPath("T.D")).Should().Be("v2\n");
        store.Pending().Should().BeEmpty();
    }
}
