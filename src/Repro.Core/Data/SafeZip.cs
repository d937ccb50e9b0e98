using System.IO.Compression;
using System.Security.Cryptography;

namespace Repro.Data;

/// <summary>
/// The checks the dataset fetch (build/Datasets.targets) makes before anything lands in <c>data/</c>: the archive's
/// SHA-256, and that no zip entry would be written outside the extraction folder ("zip slip"). The inline MSBuild task
/// mirrors <see cref="UnsafeEntry"/>; this class lets the rule be unit-tested.
/// </summary>
public static class SafeZip
{
    /// <summary>Lower-case hex SHA-256 of a file.</summary>
    public static string Sha256(string path)
    {
        using var s = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(s));
    }

    /// <summary>Throws a <see cref="DatasetFormatException"/> when the archive's SHA-256 differs from <paramref name="expected"/>.</summary>
    public static void VerifySha256(string archive, string expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        string actual = Sha256(archive);
        if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
        {
            throw new DatasetFormatException(archive, null, $"SHA-256 {expected.ToLowerInvariant()}", actual);
        }
    }

    /// <summary>The first entry name that would land outside <paramref name="destination"/>, or null when all are safe.</summary>
    public static string? UnsafeEntry(ZipArchive zip, string destination)
    {
        ArgumentNullException.ThrowIfNull(zip);
        string root = Path.GetFullPath(destination).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        foreach (var entry in zip.Entries)
        {
            string full = Path.GetFullPath(Path.Combine(root, entry.FullName.Replace('\\', '/')));
            if (Path.IsPathRooted(entry.FullName) || !full.StartsWith(root, StringComparison.Ordinal))
            {
                return entry.FullName;
            }
        }
        return null;
    }

    /// <summary>
    /// Verifies the hash, then extracts into a fresh temporary folder beside <paramref name="destination"/> and moves
    /// the members (found beside the archive's first member, wherever the archive keeps it) into place; on any
    /// failure nothing is left behind.
    /// </summary>
    public static void Extract(string archive, string? expectedSha256, IReadOnlyList<string> members, string destination)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (expectedSha256 is not null)
        {
            VerifySha256(archive, expectedSha256);
        }
        string parent = Path.GetDirectoryName(Path.GetFullPath(destination))!;
        Directory.CreateDirectory(parent);
        string temp = Path.Combine(parent, $".extract-{Path.GetFileName(destination)}-{Guid.NewGuid():N}");
        try
        {
            string? source = null;
            using (var zip = ZipFile.OpenRead(archive))
            {
                if (UnsafeEntry(zip, temp) is { } bad)
                {
                    throw new DatasetFormatException(archive, null, "zip entries inside the archive's own folder", bad);
                }
                var first = zip.Entries.FirstOrDefault(e => Path.GetFileName(e.FullName.Replace('\\', '/')) == members[0])
                    ?? throw new DatasetFormatException(archive, null, $"a member named {members[0]}");
                source = Path.GetDirectoryName(Path.GetFullPath(Path.Combine(temp, first.FullName)))!;
                zip.ExtractToDirectory(temp);
            }
            foreach (string m in members)
            {
                if (!File.Exists(Path.Combine(source, m)))
                {
                    throw new DatasetFormatException(archive, null, $"the member {m} beside {members[0]}");
                }
            }
            string staged = temp + ".staged";
            Directory.CreateDirectory(staged);
            foreach (string m in members)
            {
                File.Move(Path.Combine(source, m), Path.Combine(staged, m));
            }
            if (Directory.Exists(destination))
            {
                Directory.Delete(destination, recursive: true);
            }
            Directory.Move(staged, destination);
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
            if (Directory.Exists(temp + ".staged"))
            {
                Directory.Delete(temp + ".staged", recursive: true);
            }
        }
    }
}
