using System.Globalization;
using Repro.Cli.Reproduce;

namespace Repro.Cli.Export;

/// <summary>
/// Where `repro export` writes: a new or empty folder, never one holding files (an export deletes and overwrites
/// nothing). Models are written into a staging folder beside it and moved in only when every one of them is written and
/// read back, so an interrupted or failed export leaves no half-written model where a user would look.
/// </summary>
internal sealed class ExportFolder : IDisposable
{
    private bool _committed;

    private ExportFolder(string final, string staging)
    {
        Final = final;
        Staging = staging;
    }

    /// <summary>The folder the models end up in.</summary>
    public string Final { get; }

    /// <summary>The staging folder the models are written into first.</summary>
    public string Staging { get; }

    /// <summary>
    /// Why the export cannot go to <paramref name="output"/> (a file, a folder that holds anything, the model cache or a
    /// folder inside or around it, a parent that cannot be written), or null; creates nothing but the parent folder.
    /// </summary>
    public static string? Problem(string output, string cacheDirectory)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(cacheDirectory);
        string final = Path.TrimEndingDirectorySeparator(Path.GetFullPath(output));
        const string Fix = "give a new or empty folder with --output DIR";
        if (File.Exists(final))
        {
            return $"the export folder {final} is a file; {Fix}.";
        }
        if (Directory.Exists(final) && Directory.EnumerateFileSystemEntries(final).FirstOrDefault() is { } entry)
        {
            return $"the export folder {final} already holds {Path.GetFileName(entry)}: an export never overwrites or deletes files; {Fix}.";
        }
        string real = FolderPaths.Real(final), cache = FolderPaths.Real(cacheDirectory);
        if (FolderPaths.IsSameOrInside(real, cache) || FolderPaths.IsSameOrInside(cache, real))
        {
            return $"the export folder {final} and the model cache {cache} (--cache-dir) are the same folder or one is inside the other; keep exported models apart from the checkpoints: {Fix}.";
        }
        string parent = Path.GetDirectoryName(final) ?? final;
        try
        {
            FolderPaths.ProbeWrite(parent);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot write beside the export folder {final} ({e.Message}); {Fix}.";
        }
        return null;
    }

    /// <summary>Opens a fresh staging folder beside <paramref name="output"/>.</summary>
    public static ExportFolder Stage(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        string final = Path.TrimEndingDirectorySeparator(Path.GetFullPath(output));
        string parent = Path.GetDirectoryName(final)!;
        string staging = Path.Combine(parent, string.Create(CultureInfo.InvariantCulture, $".{Path.GetFileName(final)}.export-{Environment.ProcessId}-{Guid.NewGuid():N}"));
        Directory.CreateDirectory(staging);
        return new ExportFolder(final, staging);
    }

    /// <summary>Moves the staged models into place: the staging folder becomes the export folder, or its models move into the empty one.</summary>
    /// <exception cref="IOException">The export folder was filled by someone else meanwhile.</exception>
    public void Commit()
    {
        if (!Directory.Exists(Final))
        {
            Directory.Move(Staging, Final);
        }
        else
        {
            if (Directory.EnumerateFileSystemEntries(Final).FirstOrDefault() is { } entry)
            {
                throw new IOException($"the export folder {Final} received {Path.GetFileName(entry)} while the models were written; nothing was exported.");
            }
            foreach (string model in Directory.GetDirectories(Staging))
            {
                Directory.Move(model, Path.Combine(Final, Path.GetFileName(model)));
            }
            Directory.Delete(Staging);
        }
        _committed = true;
    }

    /// <summary>Deletes the staging folder (only ever our own) unless it was committed.</summary>
    public void Dispose()
    {
        if (!_committed && Directory.Exists(Staging))
        {
            try
            {
                Directory.Delete(Staging, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Left for the user to remove; it is named as a hidden staging folder of this export.
            }
        }
    }
}
