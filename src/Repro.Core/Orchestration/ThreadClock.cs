using System.Diagnostics;
using System.Runtime.InteropServices;
using Repro.Experiments;

namespace Repro.Orchestration;

/// <summary>
/// Wall time and the calling thread's CPU time since <see cref="Start"/>: what one training cost, even while another
/// runs beside it (each training runs its torch work on its own thread with one torch thread).
/// </summary>
public readonly struct ThreadClock
{
    private readonly long _wallStart;
    private readonly double _cpuStart;

    private ThreadClock(long wall, double cpu)
    {
        _wallStart = wall;
        _cpuStart = cpu;
    }

    /// <summary>Starts a clock on the current thread.</summary>
    public static ThreadClock Start() => new(Stopwatch.GetTimestamp(), ThreadCpuSeconds());

    /// <summary>Wall and thread-CPU seconds since the start (read on the same thread).</summary>
    public (double Wall, double Cpu) Elapsed() =>
        (Stopwatch.GetElapsedTime(_wallStart).TotalSeconds, Math.Max(0, ThreadCpuSeconds() - _cpuStart));

    /// <summary>CPU seconds the current thread has used (NaN where the platform has no per-thread clock).</summary>
    public static double ThreadCpuSeconds()
    {
        if (!OperatingSystem.IsLinux())
        {
            return double.NaN;
        }
        return clock_gettime(ClockThreadCpuTime, out var ts) == 0 ? ts.Seconds + (ts.Nanoseconds * 1e-9) : double.NaN;
    }

    private const int ClockThreadCpuTime = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

#pragma warning disable CA5392, SYSLIB1054 // libc by name; one call.
    [DllImport("libc")]
    private static extern int clock_gettime(int clock, out TimeSpec time);
#pragma warning restore CA5392, SYSLIB1054
}
