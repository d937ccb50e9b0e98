using NUnit.Framework;
using Repro.Snapshots;
using TorchSharp;

namespace Repro.Testing;

/// <summary>
/// The approval assertion: a produced table must equal <c>expected/&lt;Fixture&gt;.&lt;Test&gt;.verified.md</c>.
/// The approved tables are the CPU's. On another device (a GPU run) a table that moved beyond its declared
/// tolerances is reported (received file, test output and an NUnit warning), not failed, and never accepted.
/// </summary>
public static class Approvals
{
    // The device the run's tables are computed on: the one the paper fixtures' shared session resolves.
    private static readonly Lazy<DeviceType> RunDevice = new(() => Device.Resolve().type);

    /// <summary>
    /// Fails with a line diff when <paramref name="content"/> differs from the approved file (writing the
    /// received file beside it); on a non-CPU run it warns instead. <paramref name="name"/> defaults to the
    /// current fixture and test.
    /// </summary>
    public static void Verify(string content, string? name = null)
    {
        var test = TestContext.CurrentContext.Test;
        name ??= $"{test.ClassName?.Split('.')[^1]}.{test.MethodName}";
        Verify(SnapshotStore.Default, name, content, RunDevice.Value);
    }

    /// <summary>
    /// The assertion against <paramref name="store"/> for a table computed on <paramref name="device"/>. On the
    /// CPU a difference beyond tolerance, or a missing approved file, fails. On any other device the approved
    /// table still decides what matches (within the declared tolerances), but a difference is written to the
    /// received file and to the test output and raised as an NUnit warning; local acceptance is refused.
    /// </summary>
    public static void Verify(SnapshotStore store, string name, string content, DeviceType device)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(name);
        bool cpu = device == DeviceType.CPU;
        if (!cpu && SnapshotStore.AutoAccept)
        {
            Assert.Fail($"REPRO_ACCEPT is refused on a {device} run: the approved tables are the CPU's. Unset it, or run on the CPU to approve '{name}'.");
        }
        var result = store.Check(name, content);
        switch (result.Status)
        {
            case SnapshotStatus.Matched:
                return;
            case SnapshotStatus.Accepted:
                TestContext.Out.WriteLine($"Accepted {name} (REPRO_ACCEPT is set):\n{result.Diff}");
                return;
            case SnapshotStatus.Missing:
                Assert.Fail($"No approved table for '{name}'. Read {result.ReceivedPath}; if it is right, accept it with `repro snapshots accept {name}` (or rerun with REPRO_ACCEPT=1 locally){(cpu ? "" : ", from a CPU run")}.\n{result.Diff}");
                return;
            case SnapshotStatus.Differs when !cpu:
                string report = $"'{name}' computed on {device} differs from the CPU's approved table beyond its tolerances; reported, not failed (the {device} table is {result.ReceivedPath}).\n{result.Diff}";
                TestContext.Out.WriteLine(report);
                Assert.Warn(report);
                return;
            default:
                Assert.Fail($"'{name}' differs from the approved table. Read the diff; accept with `repro snapshots accept {name}` if the change is right.\n{result.Diff}");
                return;
        }
    }
}
