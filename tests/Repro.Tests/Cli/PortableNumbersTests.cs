using System.Diagnostics;
using System.Runtime.Intrinsics.X86;
using System.Security.Cryptography;
using FluentAssertions;
using NUnit.Framework;

namespace Repro.Tests.Cli;

/// <summary>
/// The numeric pins (<see cref="NumericPins"/>) make trained weights independent of the CPU: the planted pipeline,
/// run once as this CPU allows and once with MKL told to behave like an older CPU, gives bit-identical models and
/// tables. (Measured without the pins, the same emulation changes every torch-trained weight.)
/// </summary>
[NonParallelizable]
public sealed class PortableNumbersTests
{
    /// <summary>Runs `repro reproduce --quick --model NCF` twice, side by side, the second with MKL limited to an older instruction set.</summary>
    [Test]
    public void Planted_pipeline_is_bit_identical_when_MKL_imitates_an_older_CPU()
    {
        string? older = Avx512F.IsSupported ? "AVX2" : Avx2.IsSupported ? "SSE4_2" : null;
        if (older is null)
        {
            Assert.Ignore("This CPU has no AVX2, so no older instruction set is left for MKL to imitate.");
        }
        string root = Directory.CreateTempSubdirectory("repro-isa-").FullName;
        try
        {
            var native = Start(Path.Combine(root, "native"), null);
            var emulated = Start(Path.Combine(root, "emulated"), older);
            Finish(native);
            Finish(emulated);
            Checkpoints(Path.Combine(root, "native")).Should().Equal(Checkpoints(Path.Combine(root, "emulated")),
                $"every model trained with MKL_ENABLE_INSTRUCTIONS={older} must match the native run bit for bit");
            Tables(Path.Combine(root, "native")).Should().Be(Tables(Path.Combine(root, "emulated")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static Process Start(string dir, string? mklInstructions)
    {
        string cli = Path.Combine(AppContext.BaseDirectory, "repro.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in new[] { cli, "reproduce", "--quick", "--model", "NCF", "--parallel", "1", "--cache-dir", Path.Combine(dir, "cache"), "--output", Path.Combine(dir, "report") })
        {
            info.ArgumentList.Add(a);
        }
        info.Environment["CI"] = "true";
        info.Environment.Remove("MKL_ENABLE_INSTRUCTIONS");
        if (mklInstructions is not null)
        {
            info.Environment["MKL_ENABLE_INSTRUCTIONS"] = mklInstructions;
        }
        return Process.Start(info)!;
    }

    private static void Finish(Process p)
    {
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        p.ExitCode.Should().Be(0, stdout.Result + stderr.Result);
        p.Dispose();
    }

    private static List<string> Checkpoints(string dir) =>
        [.. Directory.GetFiles(Path.Combine(dir, "cache")).Order(StringComparer.Ordinal)
            .Select(f => Path.GetFileName(f) + " " + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))))];

    // The report from its first section to the timing section: every table the run measured (times and paths excluded).
    private static string Tables(string dir)
    {
        string md = File.ReadAllText(Path.Combine(dir, "report", "REPORT.md"));
        int start = md.IndexOf("\n## Datasets", StringComparison.Ordinal);
        int end = md.IndexOf("\n## Where the time went", StringComparison.Ordinal);
        start.Should().BeGreaterThan(0);
        end.Should().BeGreaterThan(start);
        return md[start..end];
    }
}
