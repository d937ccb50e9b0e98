using FluentAssertions;
using NUnit.Framework;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;
using Repro.Presentation;
using Repro.Snapshots;
using Repro.Testing;
using TorchSharp;

namespace Repro.Tests;

/// <summary>
/// The approval assertion by device: on the CPU a table beyond its tolerance fails; on a GPU it is reported (received
/// file, warning) against the CPU's approved table, never failed and never accepted. Each call runs in an isolated
/// NUnit context, so its warning or failure is read here instead of becoming this test's outcome.
/// </summary>
[NonParallelizable]
public sealed class ApprovalsTests
{
    private const string Name = "T.Accuracy";
    private string _dir = "";
    private string? _accept;
    private string? _ci;

    /// <summary>Creates the fresh temporary folder each test works in.</summary>
    [SetUp]
    public void CreateStore()
    {
        _dir = Path.Combine(Path.GetTempPath(), "repro-approvals-" + Guid.NewGuid().ToString("N"));
        _accept = Environment.GetEnvironmentVariable("REPRO_ACCEPT");
        _ci = Environment.GetEnvironmentVariable("CI");
        Environment.SetEnvironmentVariable("REPRO_ACCEPT", null);
        Environment.SetEnvironmentVariable("CI", null);
        Directory.CreateDirectory(_dir);
        File.WriteAllText(Store.VerifiedPath(Name), Table("0.5446"));
    }

    /// <summary>Removes the temporary folder and everything the test wrote there.</summary>
    [TearDown]
    public void RemoveStore()
    {
        Environment.SetEnvironmentVariable("REPRO_ACCEPT", _accept);
        Environment.SetEnvironmentVariable("CI", _ci);
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, true);
        }
    }

    private SnapshotStore Store => new(_dir);

    /// <summary>On a GPU, an HR 0.03 away (tolerance ±0.02) is a warning naming the cell, and the received file holds the GPU table.</summary>
    [Test]
    public void A_gpu_table_beyond_tolerance_is_reported_as_a_warning_not_a_failure()
    {
        var (failure, results) = Isolated(() => Approvals.Verify(Store, Name, Table("0.5746"), DeviceType.CUDA));
        failure.Should().BeNull();
        results.Should().ContainSingle().Which.Status.Should().Be(AssertionStatus.Warning);
        results[0].Message.Should().Contain("computed on CUDA differs from the CPU's approved table")
            .And.Contain("row 'NCF', column 'HR@10'").And.Contain("0.5446").And.Contain("0.5746");
        File.ReadAllText(Store.ReceivedPath(Name)).Should().Be(Table("0.5746"));
        File.ReadAllText(Store.VerifiedPath(Name)).Should().Be(Table("0.5446"), "the approved table stays the CPU's");
    }

    /// <summary>On a GPU, a number within its declared tolerance matches: no warning, no received file.</summary>
    [Test]
    public void A_gpu_table_within_tolerance_passes_silently()
    {
        var (failure, results) = Isolated(() => Approvals.Verify(Store, Name, Table("0.5596"), DeviceType.CUDA));
        failure.Should().BeNull();
        results.Should().BeEmpty();
        File.Exists(Store.ReceivedPath(Name)).Should().BeFalse();
    }

    /// <summary>On the CPU the same difference fails, as before.</summary>
    [Test]
    public void A_cpu_table_beyond_tolerance_fails()
    {
        var (failure, _) = Isolated(() => Approvals.Verify(Store, Name, Table("0.5746"), DeviceType.CPU));
        failure.Should().NotBeNull();
        failure!.Message.Should().Contain("differs from the approved table");
        File.Exists(Store.ReceivedPath(Name)).Should().BeTrue();
    }

    /// <summary>On a GPU, REPRO_ACCEPT fails the assertion and leaves the approved table alone.</summary>
    [Test]
    public void A_gpu_run_refuses_local_acceptance()
    {
        Environment.SetEnvironmentVariable("REPRO_ACCEPT", "1");
        var (failure, _) = Isolated(() => Approvals.Verify(Store, Name, Table("0.5746"), DeviceType.CUDA));
        failure.Should().NotBeNull();
        failure!.Message.Should().Contain("REPRO_ACCEPT is refused on a CUDA run");
        File.ReadAllText(Store.VerifiedPath(Name)).Should().Be(Table("0.5446"));
    }

    private static string Table(string ncfHr) =>
        new MarkdownTable("model", "HR@10").Add("MF", "0.58").Add("NCF", ncfHr).Tolerance("HR@10", 0.02, "model", "NCF").ToString();

    // Runs an assertion in a throwaway NUnit context: its failure (if it threw) and the assertion results it recorded.
    private static (AssertionException? Failure, IList<AssertionResult> Results) Isolated(Action assertion)
    {
        using var context = new TestExecutionContext.IsolatedContext();
        try
        {
            assertion();
            return (null, TestExecutionContext.CurrentContext.CurrentResult.AssertionResults);
        }
        catch (AssertionException e)
        {
            return (e, TestExecutionContext.CurrentContext.CurrentResult.AssertionResults);
        }
    }
}
