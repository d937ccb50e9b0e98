using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

namespace Repro;

/// <summary>
/// Loads a libtorch that the build did not carry (-p:TorchBackend=external): env REPRO_LIBTORCH=DIR, =python
/// (PyTorch's torch/lib, found by asking python3) or =python:/path/to/python, or the same value passed to <see cref="Preload"/>.
/// The libraries are loaded by full path before TorchSharp's first call, so the dynamic loader resolves
/// libLibTorchSharp.so's libtorch.so, libc10.so and libtorch_cpu.so to them by soname.
/// </summary>
public static class TorchNatives
{
    /// <summary>The environment variable naming the libtorch folder (or "python").</summary>
    public const string EnvironmentVariable = "REPRO_LIBTORCH";

    /// <summary>The libraries a libtorch folder must hold, in load order.</summary>
    public static readonly IReadOnlyList<string> Required = ["libc10.so", "libtorch_cpu.so", "libtorch.so"];

    /// <summary>CUDA libraries loaded, before libtorch.so, when the folder has them.</summary>
    public static readonly IReadOnlyList<string> Optional = ["libc10_cuda.so", "libtorch_cuda.so"];

    private const string PythonScript = "import os, torch; print(os.path.join(os.path.dirname(torch.__file__), 'lib'))";
    private static readonly Lock Gate = new();
    private static string? loadedFrom;

    /// <summary>The backend this build was made with: cpu, cuda or external (Torch.props' TorchBackend).</summary>
    public static string Backend { get; } =
        typeof(TorchNatives).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "Repro.TorchBackend")?.Value ?? "cpu";

    /// <summary>Loads libtorch from <paramref name="choice"/> (else env REPRO_LIBTORCH); returns the folder, or null when nothing was loaded.</summary>
    /// <exception cref="TorchNativesException">The folder or its libraries cannot be found or loaded (the message says what was tried and how to fix it).</exception>
    public static string? Preload(string? choice = null)
    {
        string source = string.IsNullOrWhiteSpace(choice) ? $"env {EnvironmentVariable}" : "--libtorch";
        choice = string.IsNullOrWhiteSpace(choice) ? Environment.GetEnvironmentVariable(EnvironmentVariable) : choice;
        lock (Gate)
        {
            if (string.IsNullOrWhiteSpace(choice))
            {
                // No folder: an external build still works when the loader finds libtorch (LD_LIBRARY_PATH, as ../shared/tools/gpu/run.sh does).
                if (Backend == "external" && LoadBinding() is { } error)
                {
                    throw new TorchNativesException(NothingGivenMessage(AppContext.BaseDirectory, Environment.GetEnvironmentVariable("LD_LIBRARY_PATH"), error));
                }
                return null;
            }
            if (Backend != "external")
            {
                throw new TorchNativesException(
                    $"{source}={choice} is for builds made with -p:TorchBackend=external; this one (TorchBackend={Backend}) carries its own libtorch, " +
                    "and a second libtorch in the same process could clash. Unset it, or publish with -p:TorchBackend=external (README, GPU / external libtorch).");
            }
            string folder = Locate(choice, source, RunPython);
            if (loadedFrom is not null)
            {
                return loadedFrom == folder ? folder
                    : throw new TorchNativesException($"libtorch is already loaded from {loadedFrom}; cannot switch to {folder} in the same process.");
            }
            foreach (var name in Required.Take(2).Concat(Optional).Append(Required[2]))
            {
                string path = Path.Combine(folder, name);
                if (!File.Exists(path))
                {
                    continue;
                }
                try
                {
                    NativeLibrary.Load(path);
                }
                catch (DllNotFoundException e)
                {
                    throw new TorchNativesException($"{path} (from {source}={choice}) exists but does not load: {e.Message}\n{Fix}", e);
                }
            }
            if (LoadBinding() is { } bindingError)
            {
                throw new TorchNativesException(
                    $"TorchSharp's native binding does not load against the libtorch in {folder} ({source}={choice}): {bindingError}\n" +
                    "TorchSharp 0.107.0 needs libtorch 2.10 or an ABI-compatible newer one (PyTorch 2.11 works) whose libraries have the sonames libtorch.so, libc10.so, libtorch_cpu.so.\n" + Fix);
            }
            loadedFrom = folder;
            return folder;
        }
    }

    /// <summary>The libtorch folder that <paramref name="choice"/> names (DIR, python or python:INTERPRETER); throws with each path looked at when the libraries are not there.</summary>
    internal static string Locate(string choice, string source, Func<string, string, (int ExitCode, string Output, string Error)> runPython)
    {
        string folder;
        if (choice == "python" || choice.StartsWith("python:", StringComparison.Ordinal))
        {
            string interpreter = choice == "python" ? "python3" : choice["python:".Length..];
            var (code, output, error) = runPython(interpreter, PythonScript);
            string said = error.Trim().Split('\n').LastOrDefault(l => l.Length > 0) ?? "";
            if (code != 0 || output.Trim().Length == 0)
            {
                throw new TorchNativesException(
                    $"{source}={choice}: `{interpreter} -c \"{PythonScript}\"` failed (exit {code}){(said.Length > 0 ? ": " + said : "")}.\n" +
                    $"Install PyTorch for that interpreter, name another with {EnvironmentVariable}=python:/path/to/python3, or give the folder itself: {EnvironmentVariable}=/path/to/site-packages/torch/lib.");
            }
            folder = output.Trim().Split('\n')[^1].Trim();
            source = $"{source}={choice} -> {folder}";
        }
        else
        {
            folder = Path.GetFullPath(choice);
            source = $"{source}={choice}";
        }
        var missing = Required.Select(n => Path.Combine(folder, n)).Where(p => !File.Exists(p)).ToList();
        if (missing.Count == 0)
        {
            return folder;
        }
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"No libtorch in {folder} ({source}){(Directory.Exists(folder) ? "" : ": the folder does not exist")}. Looked for:\n");
        foreach (var name in Required)
        {
            string path = Path.Combine(folder, name);
            text.Append(CultureInfo.InvariantCulture, $"  {path}  {(missing.Contains(path) ? "missing" : "found")}\n");
        }
        text.Append(Fix);
        throw new TorchNativesException(text.ToString());
    }

    /// <summary>The error of an external build run with no folder given and no libtorch.so on the loader's path.</summary>
    internal static string NothingGivenMessage(string appFolder, string? ldLibraryPath, string loaderError) =>
        "This repro was built with -p:TorchBackend=external, so it carries no libtorch, and none that loads was found:\n" +
        $"  {EnvironmentVariable} and --libtorch are not set\n" +
        $"  {Path.Combine(appFolder, "libtorch.so")}  {(File.Exists(Path.Combine(appFolder, "libtorch.so")) ? "found" : "missing")}\n" +
        $"  LD_LIBRARY_PATH={(string.IsNullOrEmpty(ldLibraryPath) ? "(not set)" : ldLibraryPath)}, then the system's library path\n" +
        $"  the loader said: {loaderError}\n" + Fix;

    private const string Fix =
        $"Fix: {EnvironmentVariable}=python (PyTorch's torch/lib from python3's `import torch`), {EnvironmentVariable}=python:/path/to/python3, " +
        $"or {EnvironmentVariable}=DIR / `repro --libtorch DIR` with DIR holding libc10.so, libtorch_cpu.so and libtorch.so " +
        "(PyTorch's torch/lib or a libtorch download's lib/); TorchSharp 0.107.0 is built against libtorch 2.10. " +
        "Or build without -p:TorchBackend=external to carry TorchSharp's CPU libtorch.";

    /// <summary>Loads TorchSharp's own native library now, so that a libtorch it cannot bind to fails here, clearly; returns the loader's error, or null.</summary>
    private static string? LoadBinding()
    {
        string torchSharpDir = Path.GetDirectoryName(typeof(TorchSharp.torch).Assembly.Location) ?? AppContext.BaseDirectory;
        string? binding = new[] { torchSharpDir, AppContext.BaseDirectory }
            .SelectMany(d => new[] { Path.Combine(d, "libLibTorchSharp.so"), Path.Combine(d, "runtimes", "linux-x64", "native", "libLibTorchSharp.so") })
            .FirstOrDefault(File.Exists);
        if (binding is null)
        {
            return null;   // not Linux x64, or an unusual layout: TorchSharp reports its own load errors
        }
        try
        {
            NativeLibrary.Load(binding);
            return null;
        }
        catch (DllNotFoundException e)
        {
            // .NET's message names the file, then a generic hint, then the dynamic loader's own line: keep that one.
            return e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()?.Trim() ?? e.Message;
        }
    }

    private static (int, string, string) RunPython(string interpreter, string script)
    {
        var start = new ProcessStartInfo(interpreter) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        try
        {
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output, error.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, "", e.Message);
        }
    }
}

/// <summary>libtorch could not be found or loaded; the message names every path tried and the fix.</summary>
public sealed class TorchNativesException : Exception
{
    /// <summary>Creates the exception with the user-facing message.</summary>
    public TorchNativesException(string message) : base(message) { }

    /// <summary>Creates the exception with the user-facing message and the load failure under it.</summary>
    public TorchNativesException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Creates the exception (analyzer-required constructor).</summary>
    public TorchNativesException() { }
}
