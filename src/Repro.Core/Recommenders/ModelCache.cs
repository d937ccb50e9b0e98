using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Repro.Data;
using static TorchSharp.torch;

namespace Repro.Recommenders;

/// <summary>What a cache lookup did: loaded a checkpoint, or trained (and why).</summary>
/// <param name="Trained">The returned model and its epoch losses.</param>
/// <param name="FromCache">Whether the checkpoint was used.</param>
/// <param name="Path">The checkpoint file.</param>
/// <param name="Reason">Why it was (re)trained: "missing", or what was wrong with the file; empty when loaded.</param>
public sealed record CacheOutcome(TrainedRecommender Trained, bool FromCache, string Path, string Reason);

/// <summary>
/// Trained recommenders on disk under <see cref="RepoPaths.ModelCache"/>, keyed by the SHA-256 of (kind,
/// settings, dataset fingerprint, split settings). A file is used only if its trailing SHA-256 checksum, stored key
/// hash and every tensor shape agree; anything else (truncated, garbled, another key) is retrained and rewritten
/// atomically (temp file, then rename), never silently used.
/// </summary>
public static class ModelCache
{
    private const string Magic = "REPRO-RECOMMENDER-v1";

    /// <summary>The cache key in clear text (what the hash covers).</summary>
    public static string Key(RecommenderSettings settings, RecDataset data, SplitSettings split)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(split);
        return string.Create(CultureInfo.InvariantCulture,
            $"{Magic}|{settings.Kind}|{settings}|{data.Name}|{data.Fingerprint}|{data.UserCount}x{data.ItemCount}|{split}");
    }

    /// <summary>Lower-case hex SHA-256 of <see cref="Key"/>.</summary>
    public static string KeyHash(RecommenderSettings settings, RecDataset data, SplitSettings split) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Key(settings, data, split))));

    /// <summary>The checkpoint file for a key.</summary>
    public static string PathFor(RecommenderSettings settings, RecDataset data, SplitSettings split, string? directory = null) =>
        System.IO.Path.Combine(directory ?? RepoPaths.ModelCache,
            $"{data.Name}-{settings.Kind.ToLowerInvariant()}-{KeyHash(settings, data, split)[..16]}.model");

    /// <summary>Loads the model if a valid checkpoint exists, else trains it (with <paramref name="progress"/>) and stores it.</summary>
    public static CacheOutcome GetOrTrain(RecDataset data, Split split, RecommenderSettings settings, Action<TrainingProgress>? progress = null, string? directory = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(settings);
        string path = PathFor(settings, data, split.Settings, directory);
        var (loaded, reason) = TryLoad(path, data, split.Settings, settings);
        if (loaded is not null)
        {
            return new CacheOutcome(loaded, true, path, "");
        }
        var trained = RecommenderTrainer.Train(data, split, settings, progress);
        Save(path, trained, data, split.Settings);
        return new CacheOutcome(trained, false, path, reason);
    }

    /// <summary>Writes a checkpoint atomically: a temp file beside it, then a rename.</summary>
    public static void Save(string path, TrainedRecommender trained, RecDataset data, SplitSettings split)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(trained);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        var tensors = StateOf(trained.Model);
        var manifest = new Manifest(
            Magic, KeyHash(trained.Settings, data, split), Key(trained.Settings, data, split), trained.Settings.Kind,
            tensors.Select(t => new TensorEntry(t.Name, t.Tensor.shape)).ToArray(), trained.EpochLosses.ToArray());
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(JsonSerializer.Serialize(manifest));
            foreach (var (_, t) in tensors)
            {
                float[] values = MatrixFactorization.Floats(t);
                var bytes = new byte[values.Length * sizeof(float)];
                Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
                w.Write(bytes);
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

    /// <summary>Loads a checkpoint, or returns null with the reason it cannot be used.</summary>
    public static (TrainedRecommender? Trained, string Reason) TryLoad(string path, RecDataset data, SplitSettings split, RecommenderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(settings);
        if (!File.Exists(path))
        {
            return (null, "missing");
        }
        byte[] file = File.ReadAllBytes(path);
        if (file.Length < 32)
        {
            return (null, "truncated");
        }
        var body = file.AsSpan(0, file.Length - 32);
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(file.AsSpan(file.Length - 32)))
        {
            return (null, "checksum mismatch (truncated or corrupt)");
        }
        Manifest? manifest;
        var stream = new MemoryStream(file, 0, body.Length);
        using var r = new BinaryReader(stream, Encoding.UTF8);
        try
        {
            manifest = JsonSerializer.Deserialize<Manifest>(r.ReadString());
        }
        catch (Exception e) when (e is JsonException or EndOfStreamException or IOException)
        {
            return (null, "unreadable manifest: " + e.Message);
        }
        string expected = KeyHash(settings, data, split);
        if (manifest is null || manifest.Magic != Magic || manifest.KeyHash != expected)
        {
            return (null, "key mismatch (another model, dataset, split or format)");
        }
        ITwoTower model = settings.IsMatrixFactorization()
            ? new MatrixFactorization(data.UserCount, data.ItemCount, settings.Dim, settings.Seed, Device.Resolve())
            : new NeuralCollaborativeFiltering(data.UserCount, data.ItemCount, settings.Dim, settings.Seed, Device.Resolve());
        var state = StateOf(model);
        if (state.Count != manifest.Tensors.Length
            || state.Zip(manifest.Tensors).Any(p => p.First.Name != p.Second.Name || !p.First.Tensor.shape.SequenceEqual(p.Second.Shape)))
        {
            model.Dispose();
            return (null, "tensor names or shapes differ from the model's");
        }
        long need = state.Sum(s => s.Tensor.numel() * sizeof(float));
        if (stream.Length - stream.Position != need)
        {
            model.Dispose();
            return (null, "tensor data has the wrong length");
        }
        using (no_grad())
        {
            foreach (var (_, t) in state)
            {
                byte[] bytes = r.ReadBytes((int)(t.numel() * sizeof(float)));
                var values = new float[t.numel()];
                Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
                using var source = tensor(values).reshape(t.shape);
                t.copy_(source);
            }
        }
        if (model is NeuralCollaborativeFiltering ncf)
        {
            ncf.Freeze();
            ncf.eval();
        }
        return (new TrainedRecommender(model, settings, manifest.EpochLosses), "");
    }

    private static List<(string Name, Tensor Tensor)> StateOf(ITwoTower model) => model switch
    {
        TorchSharp.torch.nn.Module m => m.state_dict().Select(kv => (kv.Key, kv.Value)).ToList(),
        _ => throw new NotSupportedException($"Cannot checkpoint a {model.GetType().Name}."),
    };

    private sealed record TensorEntry(string Name, long[] Shape);

    private sealed record Manifest(string Magic, string KeyHash, string Key, string Kind, TensorEntry[] Tensors, double[] EpochLosses);
}
