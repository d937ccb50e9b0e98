using System.Collections.Concurrent;

namespace Repro.Orchestration;

/// <summary>How one model of a session was obtained: reused from the cache or trained, and what it cost.</summary>
/// <param name="Label">What the model is ("ml-1m NCF recommender", an SAE's label).</param>
/// <param name="Cached">True when a checkpoint was reused.</param>
/// <param name="WallSeconds">Wall-clock seconds to load or train it.</param>
/// <param name="CpuSeconds">CPU seconds of the thread that did it (torch runs one thread per training).</param>
/// <param name="ImportedFrom">The exported folder it was imported from (<c>--sae</c>, <c>--models</c>); null when cached or trained.</param>
public sealed record ModelTiming(string Label, bool Cached, double WallSeconds, double CpuSeconds, string? ImportedFrom = null);

/// <summary>Every model a session reused or trained, with what it cost, in the order they finished (thread-safe).</summary>
public sealed class RunTimings
{
    private readonly ConcurrentQueue<ModelTiming> _timings = new();

    /// <summary>The models so far.</summary>
    public IReadOnlyList<ModelTiming> All => [.. _timings];

    /// <summary>Records a model made, loaded or imported (from <paramref name="importedFrom"/>) since <paramref name="clock"/> started (on this thread).</summary>
    public void Record(string label, bool cached, ThreadClock clock, string? importedFrom = null)
    {
        var (wall, cpu) = clock.Elapsed();
        _timings.Enqueue(new ModelTiming(label, cached, wall, cpu, importedFrom));
    }
}
