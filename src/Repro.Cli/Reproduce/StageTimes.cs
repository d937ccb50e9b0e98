using System.Collections.Concurrent;
using System.Globalization;
using Repro.Experiments;
using Repro.Orchestration;
using Repro.Presentation;

namespace Repro.Cli.Reproduce;

/// <summary>
/// Where a run's time went: wall and CPU seconds per step, and per model whether it was reused or trained and what it
/// cost. Steps run side by side, so their wall times overlap and add up to more than the run's.
/// </summary>
internal sealed class StageTimes
{
    private readonly ConcurrentQueue<(string Name, double Wall, double Cpu)> _stages = new();

    /// <summary>The steps in the order they finished.</summary>
    public IReadOnlyList<(string Name, double Wall, double Cpu)> Stages => [.. _stages];

    /// <summary>Records a finished step.</summary>
    public void Add(string name, double wall, double cpu) => _stages.Enqueue((name, wall, cpu));

    /// <summary>Markdown: the step table, then the model table (trained first, by cost).</summary>
    public static string ToMarkdown(StageTimes stages, IReadOnlyList<ModelTiming> models)
    {
        ArgumentNullException.ThrowIfNull(stages);
        ArgumentNullException.ThrowIfNull(models);
        var steps = new MarkdownTable("step", "wall s", "CPU s");
        foreach (var (name, wall, cpu) in stages.Stages)
        {
            steps.Add(name, Seconds(wall), Seconds(cpu));
        }
        var table = new MarkdownTable("model", "how", "wall s", "CPU s");
        foreach (var m in models.OrderBy(m => m.Cached).ThenByDescending(m => m.WallSeconds))
        {
            table.Add(m.Label, m.ImportedFrom is { } folder ? "imported from " + folder : m.Cached ? "cached" : "trained", Seconds(m.WallSeconds), Seconds(m.CpuSeconds));
        }
        int trained = models.Count(m => !m.Cached), imported = models.Count(m => m.ImportedFrom is not null);
        return "Steps (run side by side, so their wall times overlap; CPU is the step's own thread):\n\n" + steps.ToString()
            + string.Create(CultureInfo.InvariantCulture, $"\nModels: {trained} trained ({models.Where(m => !m.Cached).Sum(m => m.CpuSeconds):0.0} CPU s), {models.Count - trained - imported} reused from the cache")
            + (imported > 0 ? string.Create(CultureInfo.InvariantCulture, $", {imported} imported") : "") + ":\n\n"
            + table.ToString();
    }

    /// <summary>The same tables for the console.</summary>
    public static string ToText(StageTimes stages, IReadOnlyList<ModelTiming> models) => "Where the time went\n\n" + ToMarkdown(stages, models);

    private static string Seconds(double s) => double.IsNaN(s) ? "n/a" : s.ToString("0.0", CultureInfo.InvariantCulture);
}
