using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Repro.Data;
using Repro.Experiments;
using Repro.Orchestration;
using Repro.Presentation;
using TorchSharp;

namespace Repro.Cli.Report;

/// <summary>Where the numbers came from: command, seeds, settings, data fingerprints, machine, time.</summary>
internal static class Provenance
{
    /// <summary>The provenance section's body (tables, no heading).</summary>
    public static string ToMarkdown(Reproduce.ReproduceOptions options, PaperResults primary, DateTimeOffset started, TimeSpan took)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(primary);
        var session = primary.Session;
        var run = new MarkdownTable("setting", "value");
        run.Add("command", "repro " + options.CommandLine);
        run.Add("seeds", string.Join(", ", options.SeedList.Select(s => s.ToString(CultureInfo.InvariantCulture))) + (options.Seeds > 1 ? " (the first is reported in full)" : ""));
        run.Add("split", session.SplitSettings.ToString());
        run.Add("datasets × models", string.Join(", ", primary.Cells.Select(c => c.Label)));
        run.Add("retrain (--force)", options.Force ? "yes" : "no (cached models reused when their key matches)");
        run.Add("model cache", session.CacheDirectory);
        if (session.Options.Imports.Models.Count > 0)
        {
            // What was analysed without being trained here: each imported model's folder (the timings say which steps used it).
            run.Add("imported models (--sae, --models)", string.Join("; ", session.Options.Imports.Models.Select(m => $"{m.Label}: {m.Folder}")));
        }
        run.Add("data folder", options.DataDirectory ?? RepoPaths.Data);
        foreach (var user in options.UserDatasets)
        {
            run.Add("your dataset " + user.Name, $"{user.Directory} ({MovieLensFolder.Detect(user.Directory)} layout, --presets {user.PresetsOption})");
        }
        run.Add("started (UTC)", started.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        run.Add("total time", string.Create(CultureInfo.InvariantCulture, $"{took.TotalSeconds:0.0} s"));
        run.Add("source commit", GitCommit());

        var machine = new MarkdownTable("machine", "value");
        machine.Add("OS", RuntimeInformation.OSDescription + " (" + RuntimeInformation.OSArchitecture + ")");
        machine.Add("CPU", CpuModel());
        machine.Add("logical cores", Environment.ProcessorCount);
        machine.Add("torch device", session.Device.ToString());
        machine.Add("torch threads", torch.get_num_threads());
        machine.Add("numeric pins", NumericPins.Disabled ? "OFF (REPRO_NUMERIC_PINS=off): numbers depend on this CPU" : NumericPins.Describe());
        machine.Add("parallel trainings", options.Parallelism);
        machine.Add(".NET", RuntimeInformation.FrameworkDescription);
        machine.Add("TorchSharp", typeof(torch).Assembly.GetName().Version?.ToString() ?? "?");

        var settings = new MarkdownTable("cell", "recommender", "SAE (paper setting)");
        foreach (var c in primary.Cells)
        {
            settings.Add(c.Label, (c.Recommender with { Seed = session.Options.Seed }).ToString(), c.Sae.Describe());
        }

        var files = new MarkdownTable("dataset", "file", "bytes", "SHA-256");
        foreach (var d in primary.Datasets)
        {
            RecDataset data = session.Data(d);
            if (data.Files.Count == 0)
            {
                files.Add(d, "(generated in code)", "", data.Fingerprint);
            }
            foreach (var f in data.Files)
            {
                files.Add(d, f.Name, f.Bytes, f.Sha256.ToLowerInvariant());
            }
        }
        return new StringBuilder()
            .Append(run).Append('\n')
            .Append(machine).Append('\n')
            .Append("Settings of each cell (seed ").Append(session.Options.Seed.ToString(CultureInfo.InvariantCulture)).Append("):\n\n")
            .Append(settings).Append('\n')
            .Append("Data fingerprints (every file read):\n\n")
            .Append(files).ToString();
    }

    private static string CpuModel()
    {
        try
        {
            const string cpuinfo = "/proc/cpuinfo";
            if (File.Exists(cpuinfo))
            {
                string? line = File.ReadLines(cpuinfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
                if (line is not null)
                {
                    return line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return RuntimeInformation.ProcessArchitecture.ToString();
    }

    private static string GitCommit()
    {
        try
        {
            var psi = new ProcessStartInfo("git", "rev-parse --short HEAD")
            {
                WorkingDirectory = RepoPaths.Root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var p = Process.Start(psi);
            if (p is null)
            {
                return "unknown";
            }
            string head = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit(5000);
            if (p.ExitCode != 0 || head.Length == 0)
            {
                return "unknown (not a git checkout)";
            }
            var dirty = new ProcessStartInfo("git", "status --porcelain --untracked-files=no")
            {
                WorkingDirectory = RepoPaths.Root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var d = Process.Start(dirty);
            string changes = d?.StandardOutput.ReadToEnd() ?? "";
            d?.WaitForExit(5000);
            return changes.Trim().Length > 0 ? head + " (with uncommitted changes)" : head;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown (git not found)";
        }
        catch (DirectoryNotFoundException)
        {
            return "unknown (no checkout)";
        }
    }
}
