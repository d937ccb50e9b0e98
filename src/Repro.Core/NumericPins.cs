using System.Runtime.InteropServices;

namespace Repro;

/// <summary>
/// The one place that pins every switch picking a numeric code path, so a trained model (and every approved table)
/// is the same on any x86-64 CPU (STACK.md, Determinism). The CLI, the test assemblies, the benchmarks and
/// <c>.ci/run</c> all apply these values; <see cref="Apply"/> must run before the first torch call.
/// </summary>
public static class NumericPins
{
    /// <summary>
    /// The pinned variables, in the order they are set:
    /// MKL's conditional numerical reproducibility in its portable mode (the same results on every x86-64 CPU,
    /// Intel or not; <c>AVX2</c> would match only Intel CPUs), oneDNN's and ATen's instruction sets, one OpenMP thread.
    /// Our own C# loops do not use <c>Vector&lt;T&gt;</c>, so the JIT's vector width picks no code path here.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Values { get; } =
    [
        new("MKL_CBWR", "COMPATIBLE"),
        new("ONEDNN_MAX_CPU_ISA", "AVX2"),
        new("ATEN_CPU_CAPABILITY", "avx2"),
        new("OMP_NUM_THREADS", "1"),
    ];

    /// <summary>Set REPRO_NUMERIC_PINS=off to study the unpinned code paths (never in tests or CI).</summary>
    public const string OptOutVariable = "REPRO_NUMERIC_PINS";

    private static int _applied;

    /// <summary>Whether the pins were switched off by <see cref="OptOutVariable"/>.</summary>
    public static bool Disabled => string.Equals(Environment.GetEnvironmentVariable(OptOutVariable), "off", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Sets the pins in the process's native environment (libtorch reads them there, at its first use of each
    /// library), overriding whatever the caller's environment says. Idempotent and thread-safe.
    /// </summary>
    public static void Apply()
    {
        if (Interlocked.Exchange(ref _applied, 1) == 1 || Disabled)
        {
            return;
        }
        foreach (var (name, value) in Values)
        {
            Set(name, value);
        }
    }

    /// <summary>The value a native library sees for a variable (null when unset).</summary>
    public static string? NativeGet(string name) =>
        OperatingSystem.IsWindows() ? Environment.GetEnvironmentVariable(name) : Marshal.PtrToStringUTF8(getenv(name));

    /// <summary>One line naming the values in force, for report headers and logs.</summary>
    public static string Describe() =>
        string.Join(", ", Values.Select(kv => kv.Key + "=" + (NativeGet(kv.Key) ?? "(unset)")));

    private static void Set(string name, string value)
    {
        Environment.SetEnvironmentVariable(name, value);
        // .NET keeps its own copy of the environment on Unix; native code (MKL, ATen, OpenMP) reads libc's.
        if (!OperatingSystem.IsWindows() && setenv(name, value, 1) != 0)
        {
            throw new InvalidOperationException($"setenv({name}) failed: the numeric pins could not be applied.");
        }
    }

#pragma warning disable CA5392, SYSLIB1054 // libc by name is the point; a LibraryImport source generator is not needed for two calls.
    [DllImport("libc", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int setenv(string name, string value, int overwrite);

    [DllImport("libc", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern IntPtr getenv(string name);
#pragma warning restore CA5392, SYSLIB1054
}
