using System.Collections.Concurrent;

namespace Repro.Orchestration;

/// <summary>
/// One kind of artifact of a run (datasets, recommenders, SAEs, an experiment's results), each made once per key:
/// thread-safe, typed, no casts. Two threads asking for the same key wait for one computation. A failure stays in its
/// node: it is remembered as a <see cref="NodeFailedException"/> naming the node, the step and the error, and rethrown
/// to every caller of that key (a node whose maker needs a failed node fails with that root, naming itself too).
/// </summary>
/// <typeparam name="TKey">What determines the artifact (a record: value equality).</typeparam>
/// <typeparam name="TValue">The artifact.</typeparam>
public sealed class NodeCache<TKey, TValue> where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Lazy<TValue>> _nodes = new();
    private readonly Func<TKey, TValue> _make;
    private readonly Func<TKey, string> _label;

    /// <summary>A cache that makes a missing artifact with <paramref name="make"/>; <paramref name="label"/> names a node in failures.</summary>
    public NodeCache(Func<TKey, TValue> make, Func<TKey, string> label)
    {
        _make = make ?? throw new ArgumentNullException(nameof(make));
        _label = label ?? throw new ArgumentNullException(nameof(label));
    }

    /// <summary>The artifact of <paramref name="key"/>, made on first request.</summary>
    /// <exception cref="NodeFailedException">The node, or one it needs, could not be made.</exception>
    public TValue this[TKey key] => _nodes.GetOrAdd(key, k => new Lazy<TValue>(() => Make(k))).Value;

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

    /// <summary>Every artifact made so far (not those requested and still being made, nor failed ones), in no particular order.</summary>
    public IReadOnlyList<KeyValuePair<TKey, TValue>> Made() =>
        [.. _nodes.Where(n => n.Value.IsValueCreated).Select(n => new KeyValuePair<TKey, TValue>(n.Key, n.Value.Value))];

    /// <summary>
    /// Records <paramref name="value"/>, made elsewhere (several artifacts made together), as the artifact of
    /// <paramref name="key"/>, unless one was made or requested first: returns whichever the cache holds.
    /// </summary>
    public TValue GetOrAdd(TKey key, TValue value) => _nodes.GetOrAdd(key, new Lazy<TValue>(value)).Value;

    /// <summary>
    /// Claims <paramref name="key"/> for an artifact that <paramref name="make"/> will deliver (made together with
    /// others): false when the key was requested or made first. A caller asking for a claimed key waits for it.
    /// </summary>
    public bool TryClaim(TKey key, Func<TValue> make)
    {
        ArgumentNullException.ThrowIfNull(make);
        return _nodes.TryAdd(key, new Lazy<TValue>(() => Guard(key, make)));
    }

    private TValue Make(TKey key) => Guard(key, () => _make(key));

    private TValue Guard(TKey key, Func<TValue> make)
    {
        try
        {
            return make();
        }
        catch (NodeFailedException e) when (e.Node != _label(key))
        {
            throw new NodeFailedException(_label(key), e);
        }
        catch (NodeFailedException)
        {
            throw;
        }
        catch (Exception e)
        {
            throw new NodeFailedException(_label(key), RunStep.Current, e);
        }
    }
}
