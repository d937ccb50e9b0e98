using System.Diagnostics;
using Repro.Cli;
using Repro.Snapshots;

namespace Repro.Tests.Cli;

/// <summary>
/// The CLI in its own process (the build's repro.dll beside the tests), for inputs that are read once per process: the
/// checkout root (REPRO_ROOT) and the build-server variables. Build-server variables are removed, so a test of
/// `snapshots accept` means the same on a developer's machine and in CI.
/// </summary>
internal static class CliProcess
{
    /// <summary>Runs <c>repro ARGS</c> with <paramref name="root"/> as REPRO_ROOT; returns the exit code and both streams.</summary>
    public static (int Exit, string Out, string Err) Run(string root, params string[] args)
    {
        string bin = Path.GetDirectoryName(typeof(Program).Assembly.Location)!;
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
        };
        psi.ArgumentList.Add(Path.Combine(bin, "repro.dll"));
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }
        foreach (string name in psi.Environment.Keys.ToList())
        {
            string? value = psi.Environment[name];
            if (BuildServer.Detect(v => v == name ? value : null) is not null)
            {
                psi.Environment.Remove(name);
            }
        }
        psi.Environment["REPRO_ROOT"] = root;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        string err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, err);
    }
}
