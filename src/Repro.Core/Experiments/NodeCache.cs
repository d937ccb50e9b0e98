using System.Collections.Concurrent;

namespace Repro.Experiments;

/// <summary>
/// One kind of artifact of a run (datasets, recommenders, SAEs, an experiment's results), each made once per key:
/// thread-safe, typed, no casts. Two threads asking for the same key wait for one computation; a failure is
/// remembered and rethrown to every caller of that key.
/// </summary>
/// <typeparam name="TKey">What determines the artifact (a record: value equality).</typeparam>
/// <typeparam name="TValue">The artifact.</typeparam>
public sealed class NodeCache<TKey, TValue> where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Lazy<TValue>> _nodes = new();
    private readonly Func<TKey, TValue> _make;

    /// <summary>A cache that makes a missing artifact with <paramref name="make"/>.</summary>
    public NodeCache(Func<TKey, TValue> make) => _make = make ?? throw new ArgumentNullException(nameof(make));

    /// <summary>The artifact of <paramref name="key"/>, made on first request.</summary>
    public TValue this[TKey key] => _nodes.GetOrAdd(key, k => new Lazy<TValue>(() => _make(k))).Value;

    /// <summary>The artifact of <paramref name="key"/> if it has been made (not merely requested), else false.</summary>
    public bool TryGetMade(TKey key, out TValue value)
    {
        if (_nodes.TryGetValue(key, out var lazy) && lazy.IsValueCreated)
        {
            value = lazy.Value;
            return true;
        }
        value = default!;
        return false;
    }

    /// <summary>
    /// Records <paramref name="value"/>, made elsewhere (several artifacts made together), as the artifact of
    /// <paramref name="key"/>, unless one was made or requested first: returns whichever the cache holds.
    /// </summary>
    public TValue GetOrAdd(TKey key, TValue value) => _nodes.GetOrAdd(key, new Lazy<TValue>(value)).Value;

    /// <summary>
    /// Claims <paramref name="key"/> for an artifact that <paramref name="make"/> will deliver (made together with
    /// others): false when the key was requested or made first. A caller asking for a claimed key waits for it.
    /// </summary>
    public bool TryClaim(TKey key, Func<TValue> make) => _nodes.TryAdd(key, new Lazy<TValue>(make));
}
