using TorchSharp;
using static Repro.Scalars;
using static TorchSharp.torch;

namespace Repro;

/// <summary>Index tensors made without Scalar temporaries (TorchSharp's <c>arange(n)</c> makes its start and step inside, STACK.md).</summary>
public static class Indices
{
    /// <summary>[0, 1, …, <paramref name="count"/> − 1] as int64 on <paramref name="device"/> (default CPU).</summary>
    public static Tensor Range(long count, torch.Device? device = null)
    {
        using Scalar stop = count;
        return arange(Zero, stop, One, dtype: ScalarType.Int64, device: device);
    }
}
