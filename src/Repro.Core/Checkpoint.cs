using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro;

/// <summary>
/// The on-disk form of every trained model (recommenders and SAEs): a JSON manifest with the cache key, tensor
/// names and shapes, and a few numbers (e.g. epoch losses), then the float32 tensors, then a SHA-256 of all of it.
/// A file that is truncated, garbled, for another key or for another architecture is reported unusable, never
/// loaded; writes are atomic (temp file, then rename).
/// </summary>
public static class Checkpoint
{
    private const string Magic = "REPRO-CHECKPOINT-v1";

    /// <summary>The on-disk format's version, part of every cache key.</summary>
    public const string Format = Magic;

    /// <summary>Lower-case hex SHA-256 of a cache key.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>
    /// Lower-case hex SHA-256 of a module's weights (names, shapes, float32 values): the identity of a trained model,
    /// so a model trained on it (an SAE on a recommender) is keyed by the weights it saw, not by their settings.
    /// </summary>
    public static string Fingerprint(nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (name, t) in module.state_dict())
        {
            sha.AppendData(Encoding.UTF8.GetBytes(name + "|" + string.Join(",", t.shape) + "|"));
            using var scope = NewDisposeScope();
            sha.AppendData(MemoryMarshalBytes(t.detach().to(ScalarType.Float32).cpu().contiguous().data<float>().ToArray()));
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>Writes the module's state under a key, atomically.</summary>
    public static void Save(string path, string key, nn.Module module, IReadOnlyList<double> numbers)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(numbers);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var state = module.state_dict().ToList();
        var manifest = new Manifest(Magic, Hash(key), key, state.Select(kv => new TensorEntry(kv.Key, kv.Value.shape)).ToArray(), numbers.ToArray());
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(JsonSerializer.Serialize(manifest));
            foreach (var (_, t) in state)
            {
                using var scope = NewDisposeScope();
                w.Write(MemoryMarshalBytes(t.detach().to(ScalarType.Float32).cpu().contiguous().data<float>().ToArray()));
            }
        }
        byte[] body = buffer.ToArray();
        string temp = path + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".tmp";
        using (var f = File.Create(temp))
        {
            f.Write(body);
            f.Write(SHA256.HashData(body));
        }
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>
    /// Loads a checkpoint into <paramref name="module"/> (whose architecture must match): the stored numbers, or why the
    /// file is missing or cannot be used.
    /// </summary>
    public static CheckpointRead TryLoad(string path, string key, nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        if (!File.Exists(path))
        {
            return CheckpointRead.Missing;
        }
        byte[] file = File.ReadAllBytes(path);
        if (file.Length < 32)
        {
            return CheckpointRead.Unusable("truncated");
        }
        int bodyLength = file.Length - 32;
        if (!SHA256.HashData(file.AsSpan(0, bodyLength)).AsSpan().SequenceEqual(file.AsSpan(bodyLength)))
        {
            return CheckpointRead.Unusable("checksum mismatch (truncated or corrupt)");
        }
        var stream = new MemoryStream(file, 0, bodyLength);
        using var r = new BinaryReader(stream, Encoding.UTF8);
        Manifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<Manifest>(r.ReadString());
        }
        catch (Exception e) when (e is JsonException or EndOfStreamException or IOException)
        {
            return CheckpointRead.Unusable("unreadable manifest: " + e.Message);
        }
        if (manifest is null || manifest.Magic != Magic || manifest.KeyHash != Hash(key))
        {
            return CheckpointRead.Unusable("key mismatch (another model, dataset, split, seed or format)");
        }
        var state = module.state_dict().ToList();
        if (state.Count != manifest.Tensors.Length
            || state.Zip(manifest.Tensors).Any(p => p.First.Key != p.Second.Name || !p.First.Value.shape.SequenceEqual(p.Second.Shape)))
        {
            return CheckpointRead.Unusable("tensor names or shapes differ from the model's");
        }
        long need = state.Sum(s => s.Value.numel() * sizeof(float));
        if (stream.Length - stream.Position != need)
        {
            return CheckpointRead.Unusable("tensor data has the wrong length");
        }
        using (NewDisposeScope())
        using (no_grad())
        {
            foreach (var (_, t) in state)
            {
                byte[] bytes = r.ReadBytes((int)(t.numel() * sizeof(float)));
                var values = new float[t.numel()];
                Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
                t.copy_(tensor(values).reshape(t.shape).to(t.device));
            }
        }
        return CheckpointRead.Loaded(manifest.Numbers);
    }

    private static byte[] MemoryMarshalBytes(float[] values)
    {
        var bytes = new byte[values.Length * sizeof(float)];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        return bytes;
    }

    private sealed record TensorEntry(string Name, long[] Shape);

    private sealed record Manifest(string Magic, string KeyHash, string Key, TensorEntry[] Tensors, double[] Numbers);
}

/// <summary>Whether a checkpoint could be used.</summary>
public enum CheckpointStatus
{
    /// <summary>Read into the module.</summary>
    Loaded,

    /// <summary>No file.</summary>
    Missing,

    /// <summary>A file that must not be used (truncated, garbled, another key or architecture).</summary>
    Unusable,
}

/// <summary>What reading a checkpoint found.</summary>
/// <param name="Status">Loaded, missing or unusable.</param>
/// <param name="Numbers">The stored numbers when loaded, else null.</param>
/// <param name="Problem">What is wrong with an unusable file; empty otherwise.</param>
public sealed record CheckpointRead(CheckpointStatus Status, double[]? Numbers, string Problem)
{
    /// <summary>No checkpoint file.</summary>
    public static CheckpointRead Missing { get; } = new(CheckpointStatus.Missing, null, "");

    /// <summary>A loaded checkpoint's numbers.</summary>
    public static CheckpointRead Loaded(double[] numbers) => new(CheckpointStatus.Loaded, numbers, "");

    /// <summary>A file that must not be used, and why.</summary>
    public static CheckpointRead Unusable(string problem) => new(CheckpointStatus.Unusable, null, problem);

    /// <summary>
    /// The exported model's folder when the model was imported (<c>repro reproduce --sae/--models</c>) instead of read
    /// from the cache; null otherwise.
    /// </summary>
    public string? ImportedFrom { get; init; }

    /// <summary>A model imported from an exported folder (no checkpoint was read; no numbers).</summary>
    public static CheckpointRead Imported(string folder) => new(CheckpointStatus.Loaded, [], "") { ImportedFrom = folder };

    /// <summary>Why a model was trained instead of loaded, as progress lines say it ("no checkpoint", "checkpoint unusable: …").</summary>
    public string WhyTrained => Status switch
    {
        CheckpointStatus.Missing => "no checkpoint",
        CheckpointStatus.Unusable => "checkpoint unusable: " + Problem,
        _ => "",
    };
}
