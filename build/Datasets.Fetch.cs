// The dataset fetch's safety rules, in one file used twice: build/Datasets.targets compiles it as an inline task
// (RoslynCodeTaskFactory, against netstandard2.0, so only APIs from there), and Repro.Core compiles it in with
// REPRO_CORE defined (the MSBuild task class below is left out), where the unit tests pin each rule.
#nullable enable
// The analyzers' modern-API suggestions (spans, Convert.ToHexStringLower, ThrowIfNull) do not exist in netstandard2.0.
#pragma warning disable CA1510, CA1846, CA1861, CA1872
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace Repro.Data
{
    /// <summary>A dataset fetch that must stop: the message names the file, what was found and what to do.</summary>
    public sealed class DatasetFetchException : Exception
    {
        /// <summary>Creates the exception with its message.</summary>
        public DatasetFetchException(string message)
            : base(message)
        {
        }

        /// <summary>Creates the exception with no message.</summary>
        public DatasetFetchException()
        {
        }

        /// <summary>Creates the exception with a message and the error behind it.</summary>
        public DatasetFetchException(string message, Exception innerException)
            : base(message, innerException)
        {
        }
    }

    /// <summary>
    /// Fills <c>data/&lt;folder&gt;/</c> without ever deleting what the fetch did not create: members are staged in a
    /// per-process temporary folder (<c>.fetch-&lt;folder&gt;-&lt;pid&gt;-&lt;guid&gt;</c>), verified (mirror files against their
    /// pinned SHA-256, archives against theirs, zip entries against zip slip), then moved in one file at a time; a
    /// stamp file records which files the fetch wrote, so a later fetch replaces only those and refuses when a user's
    /// file is in the way. Temporary folders of killed fetches are removed by the next one.
    /// </summary>
    public static class DatasetFetch
    {
        /// <summary>The stamp in a dataset folder: the source pin, then one <c>member=sha256</c> line per file the fetch wrote.</summary>
        public const string StampFile = ".repro-fetched";

        /// <summary>Prefix of the fetch's temporary folders under the data folder.</summary>
        public const string TempPrefix = ".fetch-";

        // A temporary folder of the old naming (no process id) is only removed once nothing can be writing it.
        private static readonly TimeSpan LegacyTempAge = TimeSpan.FromMinutes(30);

        /// <summary>Lower-case hex SHA-256 of a file.</summary>
        public static string Sha256(string path)
        {
            using (var stream = File.OpenRead(path))
            using (var sha = SHA256.Create())
            {
                return BitConverter.ToString(sha.ComputeHash(stream)).Replace("-", "").ToLowerInvariant();
            }
        }

        /// <summary>The first entry name that would land outside <paramref name="destination"/>, or null when all are safe.</summary>
        public static string? UnsafeEntry(ZipArchive zip, string destination)
        {
            if (zip is null)
            {
                throw new ArgumentNullException(nameof(zip));
            }
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

        /// <summary>The source pins a fetch may record: the archive's SHA-256, and the mirror's member hashes in a canonical order.</summary>
        public static IReadOnlyCollection<string> Sources(string archiveSha256, string mirrorSha256) => new[]
        {
            "archive:" + archiveSha256.Trim().ToLowerInvariant(),
            "mirror:" + string.Join(";", ParsePins(mirrorSha256).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value)),
        };

        /// <summary>Parses pinned hashes written as <c>member=sha256,member=sha256</c> (';' is accepted too).</summary>
        public static IDictionary<string, string> ParsePins(string? pins)
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string pair in (pins ?? "").Split(new[] { ',', ';' }, StringSplitOptions.RemoveEmptyEntries))
            {
                int eq = pair.IndexOf('=');
                if (eq > 0)
                {
                    result[pair.Substring(0, eq).Trim()] = pair.Substring(eq + 1).Trim().ToLowerInvariant();
                }
            }
            return result;
        }

        /// <summary>A fresh temporary folder under <paramref name="dataDirectory"/> named for this process.</summary>
        public static string NewTemp(string dataDirectory, string folder)
        {
            int pid;
            using (var self = Process.GetCurrentProcess())
            {
                pid = self.Id;
            }
            string temp = Path.Combine(dataDirectory, TempPrefix + folder + "-" + pid.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(temp);
            return temp;
        }

        /// <summary>Removes temporary folders of fetches of <paramref name="folder"/> whose process is gone; returns what it removed.</summary>
        public static IReadOnlyList<string> RemoveLeftovers(string dataDirectory, string folder)
        {
            var removed = new List<string>();
            if (!Directory.Exists(dataDirectory))
            {
                return removed;
            }
            string prefix = TempPrefix + folder + "-";
            foreach (string dir in Directory.GetDirectories(dataDirectory, prefix + "*"))
            {
                string rest = Path.GetFileName(dir).Substring(prefix.Length);
                int dash = rest.IndexOf('-');
                bool gone;
                if (dash > 0 && int.TryParse(rest.Substring(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
                {
                    gone = !IsRunning(pid);
                }
                else
                {
                    // Old naming, .fetch-<folder>-<guid>: no owner to ask, so wait until it has been still for a while.
                    gone = rest.Length == 32 && DateTime.UtcNow - Directory.GetLastWriteTimeUtc(dir) > LegacyTempAge;
                }
                if (gone)
                {
                    Directory.Delete(dir, true);
                    removed.Add(dir);
                }
            }
            return removed;
        }

        /// <summary>
        /// Why <paramref name="destination"/> must be fetched (null when it is up to date): a missing member, a stamp whose
        /// source pin is none of <paramref name="sources"/> (a pinned SHA-256 changed), or a file the fetch wrote that
        /// changed since (a truncated copy is repaired). A complete folder without a stamp (fetched by an older build, or
        /// put there by hand) is left to the loaders' checks.
        /// </summary>
        public static string? Stale(string destination, IReadOnlyList<string> members, IReadOnlyCollection<string> sources)
        {
            var missing = members.Where(m => !File.Exists(Path.Combine(destination, m))).ToList();
            if (missing.Count > 0)
            {
                return Directory.Exists(destination) ? "missing " + string.Join(", ", missing) : "not fetched yet";
            }
            var stamp = ReadStamp(destination);
            if (stamp is null)
            {
                return null;
            }
            string source = stamp.TryGetValue("source", out string? s) ? s : "";
            if (!sources.Contains(source))
            {
                return "its pinned SHA-256 changed since it was fetched";
            }
            foreach (var pair in stamp.Where(p => p.Key != "source"))
            {
                string path = Path.Combine(destination, pair.Key);
                if (File.Exists(path) && Sha256(path) != pair.Value)
                {
                    return pair.Key + " changed since the build wrote it (truncated or edited)";
                }
            }
            return null;
        }

        /// <summary>
        /// Copies the mirror's members into <paramref name="staging"/> and checks each copy against its pinned SHA-256;
        /// a missing or mismatching file stops the fetch with a message naming it, both hashes and what to do.
        /// </summary>
        public static void StageFromMirror(string dataset, string mirrorDirectory, IReadOnlyList<string> members, IDictionary<string, string> pins, string staging)
        {
            var missing = members.Where(m => !File.Exists(Path.Combine(mirrorDirectory, m))).ToList();
            if (missing.Count > 0)
            {
                throw new DatasetFetchException(
                    $"Dataset '{dataset}': the mirror {mirrorDirectory} lacks {string.Join(", ", missing)}. A mirror (REPRO_DATASET_MIRROR or -p:DatasetMirror) must hold <DIR>/{Path.GetFileName(mirrorDirectory.TrimEnd('/', '\\'))}/{{{string.Join(",", members)}}}.");
            }
            Directory.CreateDirectory(staging);
            foreach (string m in members)
            {
                string source = Path.Combine(mirrorDirectory, m), copy = Path.Combine(staging, m);
                File.Copy(source, copy, true);
                string actual = Sha256(copy);
                if (pins.TryGetValue(m, out string? expected) && actual != expected)
                {
                    throw new DatasetFetchException(
                        $"Dataset '{dataset}': the mirror file {source} has SHA-256 {actual}, expected {expected} (pinned in build/Datasets.props). " +
                        "The mirror copy is truncated or altered; nothing was copied. Replace it with a good copy (the pinned hashes are listed in the mirror's README), " +
                        "or build with -p:SkipDatasetFetch=true to leave data/ as it is.");
                }
            }
        }

        /// <summary>
        /// Checks the archive's SHA-256 (when pinned) and every entry against zip slip, extracts into
        /// <paramref name="temp"/>, and moves the members (found beside the archive's first member) into <paramref name="staging"/>.
        /// </summary>
        public static void StageFromArchive(string dataset, string archive, string? sha256, IReadOnlyList<string> members, string temp, string staging, string help)
        {
            if (!string.IsNullOrEmpty(sha256))
            {
                string actual = Sha256(archive);
                if (!string.Equals(actual, sha256, StringComparison.OrdinalIgnoreCase))
                {
                    throw new DatasetFetchException(
                        $"Dataset '{dataset}': {archive} has SHA-256 {actual}, expected {sha256!.ToLowerInvariant()} (a corrupted or altered download). Nothing was extracted. {help}");
                }
            }
            string unzipped = Path.Combine(temp, "unzipped");
            string? source = null;
            using (var zip = ZipFile.OpenRead(archive))
            {
                string? bad = UnsafeEntry(zip, unzipped);
                if (bad != null)
                {
                    throw new DatasetFetchException(
                        $"Dataset archive {archive} has an entry that would be written outside the extraction folder: '{bad}'. Nothing was extracted.");
                }
                var first = zip.Entries.FirstOrDefault(e => Path.GetFileName(e.FullName.Replace('\\', '/')) == members[0]);
                if (first is null)
                {
                    throw new DatasetFetchException($"Dataset archive {archive} holds no file named {members[0]}.");
                }
                source = Path.GetDirectoryName(Path.GetFullPath(Path.Combine(unzipped, first.FullName.Replace('\\', '/'))));
                zip.ExtractToDirectory(unzipped);
            }
            var lacking = members.Where(m => !File.Exists(Path.Combine(source!, m))).ToList();
            if (lacking.Count > 0)
            {
                throw new DatasetFetchException($"Dataset '{dataset}': {archive} lacks {string.Join(", ", lacking)} beside {members[0]}.");
            }
            Directory.CreateDirectory(staging);
            foreach (string m in members)
            {
                File.Move(Path.Combine(source!, m), Path.Combine(staging, m));
            }
        }

        /// <summary>
        /// Moves the staged members into <paramref name="destination"/>, touching no other file there. A member already
        /// present that the fetch did not write (not in the stamp) and that differs from the staged one is a user's file
        /// in the way: nothing is moved and the message names it. The stamp is written after the moves.
        /// </summary>
        public static void Place(string dataset, string staging, string destination, IReadOnlyList<string> members, string sourcePin)
        {
            Directory.CreateDirectory(destination);
            var ours = ReadStamp(destination) ?? new Dictionary<string, string>(StringComparer.Ordinal);
            var staged = members.ToDictionary(m => m, m => Sha256(Path.Combine(staging, m)), StringComparer.Ordinal);
            foreach (string m in members)
            {
                string target = Path.Combine(destination, m);
                if (Directory.Exists(target))
                {
                    throw new DatasetFetchException($"Dataset '{dataset}': {target} is a folder where the build puts the file {m}; it was left as it is and nothing was fetched. Move it away and build again.");
                }
                if (File.Exists(target) && !ours.ContainsKey(m))
                {
                    string existing = Sha256(target);
                    if (existing != staged[m])
                    {
                        throw new DatasetFetchException(
                            $"Dataset '{dataset}': {target} was not written by the build and differs from the file it would put there (SHA-256 {existing}, fetched {staged[m]}). " +
                            "The build does not overwrite files it did not write; nothing was changed. Move that file away (or delete it) and build again, " +
                            "or build with -p:SkipDatasetFetch=true to use the folder as it is.");
                    }
                }
            }
            // The moves first, the stamp last, and every placed file dated now: the build's incremental check (stamp
            // newer than the data files) then never skips a folder a kill left half-replaced, and the scan finds the
            // files that differ from the old stamp and replaces them (the old stamp lists them as the fetch's own).
            DateTime now = DateTime.UtcNow;
            foreach (string m in members)
            {
                string target = Path.Combine(destination, m);
                File.SetLastWriteTimeUtc(Path.Combine(staging, m), now);
                if (File.Exists(target))
                {
                    File.Delete(target);
                }
                File.Move(Path.Combine(staging, m), target);
            }
            var stamp = new StringBuilder();
            stamp.Append("source=").Append(sourcePin).Append('\n');
            foreach (string m in members)
            {
                stamp.Append(m).Append('=').Append(staged[m]).Append('\n');
            }
            string stampPath = Path.Combine(destination, StampFile);
            File.WriteAllText(Path.Combine(staging, StampFile), stamp.ToString());
            if (File.Exists(stampPath))
            {
                File.Delete(stampPath);
            }
            File.Move(Path.Combine(staging, StampFile), stampPath);
        }

        /// <summary>The stamp's entries (<c>source</c> and one per member), or null when the folder has none.</summary>
        public static IDictionary<string, string>? ReadStamp(string destination)
        {
            string path = Path.Combine(destination, StampFile);
            if (!File.Exists(path))
            {
                return null;
            }
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string line in File.ReadAllLines(path))
            {
                int eq = line.IndexOf('=');
                if (eq > 0)
                {
                    result[line.Substring(0, eq)] = line.Substring(eq + 1);
                }
            }
            return result;
        }

        private static bool IsRunning(int pid)
        {
            try
            {
                using (var p = Process.GetProcessById(pid))
                {
                    return !p.HasExited;
                }
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
    }
}

#if !REPRO_CORE
namespace Repro.Build
{
    using Microsoft.Build.Framework;
    using Repro.Data;

    /// <summary>The MSBuild face of <see cref="DatasetFetch"/>: one step of one dataset's fetch (see build/Datasets.targets).</summary>
    public sealed class DatasetFetchTask : Microsoft.Build.Utilities.Task
    {
        /// <summary>scan, mirror or archive.</summary>
        [Required]
        public string Step { get; set; } = "";

        /// <summary>Catalogue name of the dataset.</summary>
        [Required]
        public string Dataset { get; set; } = "";

        /// <summary>The data folder (holds the dataset folder).</summary>
        [Required]
        public string DataDir { get; set; } = "";

        /// <summary>The dataset's folder under the data folder.</summary>
        [Required]
        public string Folder { get; set; } = "";

        /// <summary>Member files, ';'-separated; the first locates the members inside an archive.</summary>
        [Required]
        public string Members { get; set; } = "";

        /// <summary>The official archive's pinned SHA-256.</summary>
        public string ArchiveSha256 { get; set; } = "";

        /// <summary>Pinned SHA-256 of each mirror member, <c>member=sha256,...</c>.</summary>
        public string MirrorSha256 { get; set; } = "";

        /// <summary>The mirror's folder for this dataset (step mirror).</summary>
        public string MirrorDir { get; set; } = "";

        /// <summary>The archive to extract (step archive).</summary>
        public string Archive { get; set; } = "";

        /// <summary>The help text appended to archive errors.</summary>
        public string Help { get; set; } = "";

        /// <summary>The temporary folder of this fetch (made by scan, removed by mirror and archive).</summary>
        [Output]
        public string Temp { get; set; } = "";

        /// <summary>Why the dataset must be fetched (scan); empty when it is up to date.</summary>
        [Output]
        public string Stale { get; set; } = "";

        /// <inheritdoc />
        public override bool Execute()
        {
            var members = Members.Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries).Select(m => m.Trim()).ToList();
            string dest = Path.Combine(DataDir, Folder);
            var sources = DatasetFetch.Sources(ArchiveSha256, MirrorSha256).ToArray();
            try
            {
                switch (Step)
                {
                    case "scan":
                        foreach (string removed in DatasetFetch.RemoveLeftovers(DataDir, Folder))
                        {
                            Log.LogMessage(MessageImportance.High, $"Dataset '{Dataset}': removed {removed}, left by an interrupted fetch");
                        }
                        Stale = DatasetFetch.Stale(dest, members, sources) ?? "";
                        if (Stale.Length > 0)
                        {
                            Temp = DatasetFetch.NewTemp(DataDir, Folder);
                        }
                        return true;
                    case "mirror":
                        DatasetFetch.StageFromMirror(Dataset, MirrorDir, members, DatasetFetch.ParsePins(MirrorSha256), Path.Combine(Temp, "staged"));
                        DatasetFetch.Place(Dataset, Path.Combine(Temp, "staged"), dest, members, sources[1]);
                        return true;
                    case "archive":
                        DatasetFetch.StageFromArchive(Dataset, Archive, ArchiveSha256, members, Temp, Path.Combine(Temp, "staged"), Help);
                        DatasetFetch.Place(Dataset, Path.Combine(Temp, "staged"), dest, members, sources[0]);
                        return true;
                    default:
                        Log.LogError($"DatasetFetchTask: unknown step '{Step}'.");
                        return false;
                }
            }
            catch (DatasetFetchException e)
            {
                Log.LogError(e.Message);
                return false;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is InvalidDataException)
            {
                Log.LogError($"Dataset '{Dataset}': {e.Message}");
                return false;
            }
            finally
            {
                if (Step != "scan" && Temp.Length > 0 && Directory.Exists(Temp))
                {
                    Directory.Delete(Temp, true);
                }
            }
        }
    }
}
#endif
