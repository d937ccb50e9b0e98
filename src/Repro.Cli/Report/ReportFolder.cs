using System.Diagnostics;
using System.Globalization;
using Repro.Cli.Reproduce;

namespace Repro.Cli.Report;

/// <summary>
/// The report folder written whole or not at all: the report is built in a staging folder beside the destination
/// (a per-process name), then swapped in with two renames, so a kill leaves either the old report or the new one, never
/// a mix, two runs into one folder never share a temporary name, and nothing of an earlier run (a stale neuron card or
/// plot) survives. Leftovers of killed runs are removed by the next one.
/// </summary>
internal sealed class ReportFolder : IDisposable
{
    /// <summary>The top-level names a report writes; a destination holding anything else is a user's folder and is not replaced.</summary>
    public static IReadOnlyList<string> OwnNames { get; } = [ReportWriter.FileName, ReportPlots.Folder, ReportWriter.CardsFolder, ReportWriter.SeedsFolder];

    private const string StagingTag = ".staging-";
    private const string OldTag = ".old-";
    private bool _committed;

    private ReportFolder(string final, string staging)
    {
        Final = final;
        Staging = staging;
    }

    /// <summary>The destination folder.</summary>
    public string Final { get; }

    /// <summary>Where this run writes the report until <see cref="Commit"/>.</summary>
    public string Staging { get; }

    /// <summary>
    /// Why <paramref name="output"/> cannot be the report folder because it is a symbolic link (or null when it is not one):
    /// the swap renames the folder at that path, so it would replace the link itself and leave the old report at the
    /// link's target. Checked before anything is created; the message names the target to give instead.
    /// </summary>
    public static string? LinkProblem(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        string final = Path.TrimEndingDirectorySeparator(Path.GetFullPath(output));
        var info = new FileInfo(final);
        if (info.LinkTarget is not { } target)
        {
            return null;
        }
        string resolved;
        try
        {
            resolved = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? target;
        }
        catch (IOException)
        {
            resolved = target;
        }
        return $"the report folder {final} is a symbolic link to {resolved}; the report is swapped in by renaming the folder, which would replace the link and leave the old report at its target: give the folder itself with --output {resolved}.";
    }

    /// <summary>Why the run could not put a report at <paramref name="output"/> (checked before any training), or null when it can.</summary>
    public static string? Problem(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (LinkProblem(output) is { } link)
        {
            return link;
        }
        string final = Path.GetFullPath(output);
        if (File.Exists(final))
        {
            return $"the report folder {final} is a file, not a folder; choose another with --output DIR.";
        }
        if (Directory.Exists(final) && Foreign(final) is { } foreign)
        {
            return $"the report folder {final} holds {foreign}, which no report wrote; the new report replaces the whole folder, so choose an empty or new folder with --output DIR (or move that file).";
        }
        string parent = Path.GetDirectoryName(final) ?? final;
        try
        {
            FolderPaths.ProbeWrite(parent, $".{Path.GetFileName(final)}.probe");
            if (Directory.Exists(final))
            {
                // The swap renames the old report away: it must be ours to move.
                FolderPaths.ProbeWrite(final);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot write the report folder {final} ({e.Message}); choose a writable folder with --output DIR.";
        }
        return null;
    }

    /// <summary>Removes leftovers of killed runs beside <paramref name="output"/> and opens a fresh staging folder.</summary>
    public static ReportFolder Stage(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        string final = Path.GetFullPath(output).TrimEnd(Path.DirectorySeparatorChar);
        string parent = Path.GetDirectoryName(final)!;
        Directory.CreateDirectory(parent);
        RemoveLeftovers(parent, Path.GetFileName(final));
        string staging = Path.Combine(parent, Temporary(final, StagingTag));
        Directory.CreateDirectory(staging);
        return new ReportFolder(final, staging);
    }

    /// <summary>Swaps the staged report in: the old folder is renamed away, the staged one renamed into place, the old one deleted.</summary>
    public void Commit()
    {
        string parent = Path.GetDirectoryName(Final)!;
        var moved = new List<string>();
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                if (Directory.Exists(Final))
                {
                    string old = Path.Combine(parent, Temporary(Final, OldTag));
                    Directory.Move(Final, old);
                    moved.Add(old);
                }
                Directory.Move(Staging, Final);
                break;
            }
            catch (IOException) when (attempt < 20)
            {
                // Another run swapped its report in between our two renames: move it aside too; the last run wins whole.
                Thread.Sleep(50);
            }
        }
        _committed = true;
        foreach (string old in moved)
        {
            TryDelete(old);
        }
    }

    /// <summary>Deletes the staging folder unless the report was committed.</summary>
    public void Dispose()
    {
        if (!_committed)
        {
            TryDelete(Staging);
        }
    }

    private static string Temporary(string final, string tag) =>
        string.Create(CultureInfo.InvariantCulture, $".{Path.GetFileName(final)}{tag}{Environment.ProcessId}-{Guid.NewGuid():N}");

    // The first entry of an existing destination that a report would not have written.
    private static string? Foreign(string final)
    {
        foreach (string entry in Directory.EnumerateFileSystemEntries(final))
        {
            string name = Path.GetFileName(entry);
            if (!OwnNames.Contains(name, StringComparer.Ordinal) && !name.EndsWith(".tmp", StringComparison.Ordinal))
            {
                return name;
            }
        }
        foreach (var (folder, pattern) in new[] { (ReportPlots.Folder, ".png"), (ReportWriter.CardsFolder, ".md"), (ReportWriter.SeedsFolder, ".md") })
        {
            string dir = Path.Combine(final, folder);
            if (Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).FirstOrDefault(f => !f.EndsWith(pattern, StringComparison.Ordinal)) is { } other)
            {
                return Path.Combine(folder, Path.GetFileName(other));
            }
        }
        return null;
    }

    // Staging and old folders of runs whose process is gone (a kill, a power cut): ".NAME.staging-PID-GUID".
    private static void RemoveLeftovers(string parent, string name)
    {
        foreach (string dir in Directory.EnumerateDirectories(parent, "." + name + ".*"))
        {
            string rest = Path.GetFileName(dir)[(name.Length + 1)..];
            string? tagged = rest.StartsWith(StagingTag, StringComparison.Ordinal) ? rest[StagingTag.Length..]
                : rest.StartsWith(OldTag, StringComparison.Ordinal) ? rest[OldTag.Length..] : null;
            int dash = tagged?.IndexOf('-', StringComparison.Ordinal) ?? -1;
            if (tagged is not null && dash > 0 && int.TryParse(tagged[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && !IsRunning(pid))
            {
                TryDelete(dir);
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId)
        {
            return true;
        }
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void TryDelete(string dir)
    {
        try
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover that cannot be removed now is removed by the next run; it never holds the report.
        }
    }
}
