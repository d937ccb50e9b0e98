using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using TorchSharp;

namespace Repro.Benchmarks;

/// <summary>One measured operation: <see cref="Setup"/> once, then <see cref="Run"/> repeatedly.</summary>
internal interface IBenchmark
{
    /// <summary>Name used on the command line.</summary>
    string Name { get; }

    /// <summary>How many timed runs (the median is reported).</summary>
    int Iterations => 5;

    /// <summary>Untimed preparation (loading data, building models).</summary>
    void Setup();

    /// <summary>The timed work; returns an optional note (e.g. a size or RSS reading) for the report.</summary>
    string? Run();
}

/// <summary>
/// A small benchmark runner: median, min and max wall time per benchmark plus process RSS before and after.
/// BenchmarkDotNet's out-of-process toolchain would rebuild without the libstdc++ fix in build/, so the
/// benchmarks run in this process with one warm-up run, one thread and the pinned kernel family.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        Repro.NumericPins.Apply();
        torch.set_num_threads(1);
        if (args.Length > 0 && args[0] == "movielens-scale")
        {
            return MovieLensScale.Run(args[1..]);
        }
        var all = Assembly.GetExecutingAssembly().GetTypes()
            .Where(t => typeof(IBenchmark).IsAssignableFrom(t) && !t.IsAbstract && !t.IsInterface)
            .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
            .OrderBy(b => b.Name, StringComparer.Ordinal)
            .ToList();
        var chosen = args.Length == 0 ? all : all.Where(b => args.Any(a => b.Name.Contains(a, StringComparison.OrdinalIgnoreCase))).ToList();
        if (chosen.Count == 0)
        {
            Console.Error.WriteLine($"No benchmark matches '{string.Join(' ', args)}'. Available: {string.Join(", ", all.Select(b => b.Name))}");
            return 2;
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"threads={torch.get_num_threads()} ATEN_CPU_CAPABILITY={Environment.GetEnvironmentVariable("ATEN_CPU_CAPABILITY") ?? "(unset)"} cores={Environment.ProcessorCount}"));
        Console.WriteLine("| benchmark | median ms | min ms | max ms | runs | RSS before MB | RSS after MB | note |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var b in chosen)
        {
            b.Setup();
            string? note = b.Run(); // warm-up
            double rssBefore = Rss();
            var times = new List<double>();
            for (int i = 0; i < b.Iterations; i++)
            {
                var sw = Stopwatch.StartNew();
                note = b.Run();
                times.Add(sw.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {b.Name} | {times[times.Count / 2]:F1} | {times[0]:F1} | {times[^1]:F1} | {times.Count} | {rssBefore:F0} | {Rss():F0} | {note} |"));
        }
        return 0;
    }

    /// <summary>Resident set size of this process in MB.</summary>
    internal static double Rss()
    {
        using var p = Process.GetCurrentProcess();
        p.Refresh();
        return p.WorkingSet64 / (1024.0 * 1024.0);
    }
}
