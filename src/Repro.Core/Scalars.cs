using TorchSharp;

namespace Repro;

/// <summary>
/// The Scalars the torch path passes to TorchSharp, made once and never freed. TorchSharp 0.107.0 frees a Scalar from
/// the GC finalizer, which can happen while a native call still reads a temporary one (STACK.md), so our code never
/// makes a temporary: constants live here, values that depend on settings live in a <see cref="KeptScalars"/> owned
/// by the object that uses them, and <c>src/Repro.Analyzers</c> reports any other form as a build error.
/// </summary>
public static class Scalars
{
    /// <summary>1 as an integer Scalar: the <c>alpha</c> of <c>a + b</c> (TorchSharp's own <c>add(target)</c> passes an integer 1).</summary>
    public static Scalar One { get; } = 1;

    /// <summary>0 as an integer Scalar (comparisons such as <c>z &gt; 0</c>, the start of <c>arange</c>).</summary>
    public static Scalar Zero { get; } = 0;

    /// <summary>2 as an integer Scalar (squares through <c>pow</c>).</summary>
    public static Scalar Two { get; } = 2;

    /// <summary>−∞ as a float Scalar (scores of items left out of a ranking).</summary>
    public static Scalar NegativeInfinity { get; } = float.NegativeInfinity;
}

/// <summary>
/// Scalars owned by one object (a loss, an optimiser, an analysis) and freed with it: each value is made once, kept
/// alive as long as the owner, and disposed when the owner is, never by the finalizer while a native call uses it.
/// </summary>
public sealed class KeptScalars : IDisposable
{
    private Scalar[] _made = new Scalar[8];
    private int _count;
    private bool _disposed;

    /// <summary>A Scalar of <paramref name="value"/> (double precision, as an implicit conversion of a double would make) that lives until <see cref="Dispose"/>.</summary>
    public Scalar Of(double value)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_count == _made.Length)
        {
            Array.Resize(ref _made, 2 * _count);
        }
        // Stored before it is handed out: the array keeps it alive for as long as this object.
        _made[_count] = value.ToScalar();
        return _made[_count++];
    }

    /// <summary>Frees every Scalar made here.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        for (int k = 0; k < _count; k++)
        {
            _made[k].Dispose();
        }
        _count = 0;
    }
}
