using System.Text;

namespace Repro.Snapshots;

/// <summary>The outcome of comparing a produced table with its approved file.</summary>
/// <param name="Name">Snapshot name (file name without <c>.verified.md</c>).</param>
/// <param name="Status">Whether it matched, was missing, or differed.</param>
/// <param name="Diff">A readable line diff (empty when matching).</param>
/// <param name="ReceivedPath">Where the produced text was written for review (null when matching).</param>
public sealed record SnapshotResult(string Name, SnapshotStatus Status, string Diff, string? ReceivedPath);

/// <summary>Whether a snapshot matched its approved file.</summary>
public enum SnapshotStatus
{
    /// <summary>Identical to the approved file.</summary>
    Matched,

    /// <summary>No approved file exists yet.</summary>
    Missing,

    /// <summary>Differs from the approved file.</summary>
    Differs,

    /// <summary>Differed or was missing, and was accepted because local acceptance was switched on.</summary>
    Accepted,
}

/// <summary>
/// Approved tables with Verify's conventions: <c>NAME.verified.md</c> is approved, a mismatch writes
/// <c>NAME.received.md</c> beside it. Numbers in a column with a declared tolerance (<see cref="TableComparison"/>)
/// may move within it; everything else compares exactly. Nothing is ever accepted when <c>CI=true</c>; locally, acceptance is an
/// explicit opt-in (env <c>REPRO_ACCEPT=1</c>, or <c>repro snapshots accept</c> after reading the diff).
/// </summary>
public sealed class SnapshotStore
{
    /// <summary>A store over a folder of approved files.</summary>
    public SnapshotStore(string directory) => Directory = directory;

    /// <summary>The store over the checkout's <c>expected/</c> folder.</summary>
    public static SnapshotStore Default => new(RepoPaths.Expected);

    /// <summary>The folder holding approved and received files.</summary>
    public string Directory { get; }

    /// <summary>True on any build server (<see cref="BuildServer"/>): nothing may be accepted.</summary>
    public static bool IsCi => BuildServer.IsCi;

    /// <summary>True when the developer opted in to accepting received tables (never under CI).</summary>
    public static bool AutoAccept => !IsCi && Environment.GetEnvironmentVariable("REPRO_ACCEPT") is "1" or "true";

    /// <summary>Path of the approved file.</summary>
    public string VerifiedPath(string name) => Path.Combine(Directory, name + ".verified.md");

    /// <summary>Path of the received file.</summary>
    public string ReceivedPath(string name) => Path.Combine(Directory, name + ".received.md");

    /// <summary>Compares produced text with the approved file; writes or removes the received file accordingly.</summary>
    public SnapshotResult Check(string name, string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        string produced = Normalise(content);
        string verified = VerifiedPath(name), received = ReceivedPath(name);
        System.IO.Directory.CreateDirectory(Directory);
        string? approved = File.Exists(verified) ? Normalise(File.ReadAllText(verified)) : null;
        if (approved == produced)
        {
            File.Delete(received);
            return new SnapshotResult(name, SnapshotStatus.Matched, "", null);
        }
        var status = approved is null ? SnapshotStatus.Missing : SnapshotStatus.Differs;
        var cells = approved is null ? null : TableComparison.Compare(approved, produced);
        if (cells is { Count: 0 })
        {
            // Every difference is a number within its column's declared tolerance: the approved file stands.
            File.Delete(received);
            return new SnapshotResult(name, SnapshotStatus.Matched, "", null);
        }
        string diff = cells is not null && cells.All(c => c.Where != "line")
            ? $"{verified} against {received}: cells beyond their tolerance\n" + TableComparison.Describe(cells)
            : LineDiff.Unified(approved ?? "", produced, verified, received);
        if (AutoAccept)
        {
            WriteAtomically(verified, produced);
            File.Delete(received);
            return new SnapshotResult(name, SnapshotStatus.Accepted, diff, null);
        }
        WriteAtomically(received, produced);
        return new SnapshotResult(name, status, diff, received);
    }

    /// <summary>Received files waiting for review, by snapshot name.</summary>
    public IReadOnlyList<string> Pending() =>
        System.IO.Directory.Exists(Directory)
            ? System.IO.Directory.GetFiles(Directory, "*.received.md").Select(p => Path.GetFileName(p)[..^".received.md".Length]).Order(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>The diff between a pending received file and its approved file.</summary>
    public string DiffOf(string name)
    {
        string verified = VerifiedPath(name);
        string approved = File.Exists(verified) ? Normalise(File.ReadAllText(verified)) : "";
        return LineDiff.Unified(approved, Normalise(File.ReadAllText(ReceivedPath(name))), verified, ReceivedPath(name));
    }

    /// <summary>
    /// Why the store could not be the approved tables (the folder is missing, or holds no approved file, as under a wrong
    /// checkout root), or null when it can: an empty list of differences must never come from looking in the wrong place.
    /// </summary>
    public string? FolderProblem()
    {
        string full = Path.GetFullPath(Directory);
        if (!System.IO.Directory.Exists(full))
        {
            return $"no approved tables: the folder {full} does not exist; run in the checkout, or set REPRO_ROOT to the checkout that holds expected/.";
        }
        return System.IO.Directory.EnumerateFiles(full, "*.verified.md").Any() || Pending().Count > 0
            ? null
            : $"no approved tables: {full} holds no *.verified.md file; run in the checkout, or set REPRO_ROOT to the checkout that holds expected/.";
    }

    /// <summary>
    /// Why <paramref name="name"/> cannot name a snapshot of this store (or null when it can): a bare file-name stem,
    /// no folder part, no <c>..</c>, nothing that resolves outside <see cref="Directory"/>.
    /// </summary>
    public string? NameProblem(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(Directory));
        if (name.Length == 0 || name.Trim() is "." or ".." || name.IndexOfAny(['/', '\\', '\0']) >= 0 || Path.IsPathRooted(name)
            || !string.Equals(Path.GetDirectoryName(Path.GetFullPath(ReceivedPath(name))), folder, StringComparison.Ordinal))
        {
            return $"'{name}' is not a snapshot name: give the name as `repro snapshots` lists it (a file name in {folder} without .received.md, no folder part and no '..').";
        }
        return null;
    }

    /// <summary>Accepts a received file after review: it replaces the approved one. Refused under CI, and for a name outside the store.</summary>
    public void Accept(string name)
    {
        if (IsCi)
        {
            throw new InvalidOperationException("Refusing to accept snapshots under CI=true: approved tables change only when a person reads the diff.");
        }
        if (NameProblem(name) is { } bad)
        {
            throw new ArgumentException(bad, nameof(name));
        }
        string received = ReceivedPath(name);
        if (!File.Exists(received))
        {
            throw new FileNotFoundException($"No received file for '{name}' (looked for {received}).", received);
        }
        File.Move(received, VerifiedPath(name), overwrite: true);
    }

    /// <summary>LF line endings, no trailing spaces, exactly one final newline.</summary>
    public static string Normalise(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd());
        return string.Join('\n', lines).TrimEnd('\n') + "\n";
    }

    private static void WriteAtomically(string path, string text)
    {
        string tmp = path + ".tmp";
        File.WriteAllText(tmp, text, new UTF8Encoding(false));
        File.Move(tmp, path, overwrite: true);
    }
}
