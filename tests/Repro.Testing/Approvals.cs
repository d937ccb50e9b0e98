using NUnit.Framework;
using Repro.Snapshots;

namespace Repro.Testing;

/// <summary>The approval assertion: a produced table must equal <c>expected/&lt;Fixture&gt;.&lt;Test&gt;.verified.md</c>.</summary>
public static class Approvals
{
    /// <summary>
    /// Fails with a line diff when <paramref name="content"/> differs from the approved file (writing the
    /// received file beside it). <paramref name="name"/> defaults to the current fixture and test.
    /// </summary>
    public static void Verify(string content, string? name = null)
    {
        var test = TestContext.CurrentContext.Test;
        name ??= $"{test.ClassName?.Split('.')[^1]}.{test.MethodName}";
        var result = SnapshotStore.Default.Check(name, content);
        switch (result.Status)
        {
            case SnapshotStatus.Matched:
                return;
            case SnapshotStatus.Accepted:
                TestContext.Out.WriteLine($"Accepted {name} (REPRO_ACCEPT is set):\n{result.Diff}");
                return;
            case SnapshotStatus.Missing:
                Assert.Fail($"No approved table for '{name}'. Read {result.ReceivedPath}; if it is right, accept it with `repro snapshots accept {name}` (or rerun with REPRO_ACCEPT=1 locally).\n{result.Diff}");
                return;
            default:
                Assert.Fail($"'{name}' differs from the approved table. Read the diff; accept with `repro snapshots accept {name}` if the change is right.\n{result.Diff}");
                return;
        }
    }
}
