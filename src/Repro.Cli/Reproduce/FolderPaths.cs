namespace Repro.Cli.Reproduce;

/// <summary>
/// Folders compared as the file system sees them: absolute, without a trailing separator, every symbolic link on the
/// existing part of the path followed, so two spellings of one folder (<c>D</c>, <c>D/</c>, <c>./D</c>, a link to
/// <c>D</c>) compare equal.
/// </summary>
internal static class FolderPaths
{
    /// <summary>The path with every link on its existing part resolved (the part that does not exist yet is kept as written).</summary>
    public static string Real(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Real(path, 0);
    }

    /// <summary>Whether <paramref name="inner"/> is <paramref name="outer"/> or lies somewhere below it (both already <see cref="Real(string)"/>).</summary>
    public static bool IsSameOrInside(string inner, string outer)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(outer);
        var comparison = OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        return string.Equals(inner, outer, comparison)
            || inner.StartsWith(Path.EndsInDirectorySeparator(outer) ? outer : outer + Path.DirectorySeparatorChar, comparison);
    }

    /// <summary>
    /// Creates <paramref name="folder"/> if needed and writes a probe file named <paramref name="prefix"/>-pid-guid in it,
    /// deleted on close: throws the <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> a real write there would.
    /// </summary>
    public static void ProbeWrite(string folder, string prefix = ".probe")
    {
        ArgumentNullException.ThrowIfNull(folder);
        Directory.CreateDirectory(folder);
        string probe = Path.Combine(folder, $"{prefix}-{Environment.ProcessId}-{Guid.NewGuid():N}");
        using var _ = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
    }

    private static string Real(string path, int depth)
    {
        string full = Path.GetFullPath(path);
        string root = Path.GetPathRoot(full) ?? "";
        string current = root;
        foreach (string part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            string next = Path.Combine(current, part);
            // A link chain longer than the kernel's own limit (40) is a loop: keep the path as written from there on.
            if (depth < 40 && new FileInfo(next).LinkTarget is not null)
            {
                try
                {
                    if (new FileInfo(next).ResolveLinkTarget(returnFinalTarget: true) is { } target)
                    {
                        next = Real(target.FullName, depth + 1);
                    }
                }
                catch (IOException)
                {
                    // A loop of links: compare the path as written.
                }
            }
            current = next;
        }
        return Path.TrimEndingDirectorySeparator(current);
    }
}
