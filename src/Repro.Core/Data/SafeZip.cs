using System.IO.Compression;

namespace Repro.Data;

/// <summary>
/// The checks the dataset fetch makes before anything lands in <c>data/</c>: the archive's SHA-256, and that no zip
/// entry would be written outside the extraction folder ("zip slip"). The rules are written once, in
/// build/Datasets.Fetch.cs (<see cref="DatasetFetch"/>), which the build's inline task compiles too; this class is their
/// face for the rest of the code and the unit tests.
/// </summary>
public static class SafeZip
{
    /// <summary>Lower-case hex SHA-256 of a file.</summary>
    public static string Sha256(string path) => DatasetFetch.Sha256(path);

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
    public static string? UnsafeEntry(ZipArchive zip, string destination) => DatasetFetch.UnsafeEntry(zip, destination);

    /// <summary>
    /// Verifies the hash, then extracts into a fresh temporary folder beside <paramref name="destination"/> and moves
    /// the members (found beside the archive's first member, wherever the archive keeps it) into place, replacing only
    /// files an earlier fetch wrote; on any failure nothing is left behind and nothing in the destination changes.
    /// </summary>
    public static void Extract(string archive, string? expectedSha256, IReadOnlyList<string> members, string destination)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (expectedSha256 is not null)
        {
            VerifySha256(archive, expectedSha256);
        }
        string full = Path.GetFullPath(destination);
        string parent = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(parent);
        string temp = DatasetFetch.NewTemp(parent, Path.GetFileName(full));
        try
        {
            string staged = Path.Combine(temp, "staged");
            try
            {
                DatasetFetch.StageFromArchive(Path.GetFileName(full), archive, null, members, temp, staged, "");
            }
            catch (DatasetFetchException e) when (e.Message.Contains("outside the extraction folder", StringComparison.Ordinal))
            {
                using var zip = ZipFile.OpenRead(archive);
                throw new DatasetFormatException(archive, null, "zip entries inside the archive's own folder", UnsafeEntry(zip, Path.Combine(temp, "unzipped")), e);
            }
            catch (DatasetFetchException e)
            {
                throw new DatasetFormatException(archive, null, e.Message, null, e);
            }
            DatasetFetch.Place(Path.GetFileName(full), staged, full, members, "archive:" + (expectedSha256 ?? "").ToLowerInvariant());
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }
    }
}
