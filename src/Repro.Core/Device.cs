using TorchSharp;

namespace Repro;

/// <summary>Where tensors live: CUDA when present unless overridden, else CPU.</summary>
public static class Device
{
    /// <summary>Resolves "auto", "cpu" or "cuda" (default: env REPRO_DEVICE, else auto).</summary>
    public static torch.Device Resolve(string? choice = null)
    {
        choice ??= Environment.GetEnvironmentVariable("REPRO_DEVICE") ?? "auto";
        return choice.ToLowerInvariant() switch
        {
            "cpu" => torch.CPU,
            "cuda" when torch.cuda.is_available() => torch.CUDA,
            "cuda" => throw new InvalidOperationException(
                "CUDA was requested but torch.cuda.is_available() is false: build with -p:TorchBackend=cuda on a machine with a GPU, or use --device cpu."),
            "auto" => torch.cuda.is_available() ? torch.CUDA : torch.CPU,
            _ => throw new ArgumentException($"Unknown device '{choice}': expected auto, cpu or cuda.", nameof(choice)),
        };
    }
}
