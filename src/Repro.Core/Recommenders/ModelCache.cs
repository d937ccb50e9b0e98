using System.Globalization;
using Repro.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Recommenders;

/// <summary>What a cache lookup did: loaded a checkpoint, or trained (and why).</summary>
/// <param name="Trained">The returned model and its epoch losses.</param>
/// <param name="Read">What reading the checkpoint found (loaded, missing or unusable and why); missing when forced to retrain.</param>
/// <param name="Path">The checkpoint file.</param>
public sealed record CacheOutcome(TrainedRecommender Trained, CheckpointRead Read, string Path)
{
    /// <summary>Whether the checkpoint was used.</summary>
    public bool FromCache => Read.Status == CheckpointStatus.Loaded;
}

/// <summary>
/// Trained recommenders on disk under <see cref="RepoPaths.ModelCache"/>, keyed by the SHA-256 of everything that
/// determines the weights: the code that trains them (<see cref="RecommenderTrainer.Version"/>, the checkpoint
/// format), the settings, the dataset fingerprint, the split and the device; in the one <see cref="Checkpoint"/> format. A file whose checksum,
/// key or tensor shapes disagree (truncated, garbled, another key) is retrained and rewritten, never silently used.
/// </summary>
public static class ModelCache
{
    private const string Magic = "REPRO-RECOMMENDER-v1";

    /// <summary>The cache key in clear text (what the hash covers).</summary>
    public static string Key(RecommenderSettings settings, RecDataset data, SplitSettings split, torch.Device device)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(device);
        return string.Create(CultureInfo.InvariantCulture,
            $"{Magic}|{RecommenderTrainer.Version}|{Checkpoint.Format}|{settings.TrainingIdentity()}|{data.Name}|{data.Fingerprint}|{data.UserCount}x{data.ItemCount}|{split.Identity()}|device={device.type}");
    }

    /// <summary>Lower-case hex SHA-256 of <see cref="Key"/>.</summary>
    public static string KeyHash(RecommenderSettings settings, RecDataset data, SplitSettings split, torch.Device device) =>
        Checkpoint.Hash(Key(settings, data, split, device));

    /// <summary>The checkpoint file for a key.</summary>
    public static string PathFor(RecommenderSettings settings, RecDataset data, SplitSettings split, torch.Device device, string? directory = null) =>
        System.IO.Path.Combine(directory ?? RepoPaths.ModelCache,
            $"{data.Name}-{settings.Kind.ToString().ToLowerInvariant()}-{KeyHash(settings, data, split, device)[..16]}.model");

    /// <summary>
    /// Loads the model if a valid checkpoint exists (unless <paramref name="force"/>), else trains it on
    /// <paramref name="device"/> (with <paramref name="progress"/>) and stores it, replacing the old file.
    /// </summary>
    public static CacheOutcome GetOrTrain(RecDataset data, Split split, RecommenderSettings settings, torch.Device device, Action<TrainingProgress>? progress = null, string? directory = null, bool force = false)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(settings);
        string path = PathFor(settings, data, split.Settings, device, directory);
        var (loaded, read) = force ? (null, CheckpointRead.Missing) : TryLoad(path, data, split.Settings, settings, device);
        if (loaded is not null)
        {
            return new CacheOutcome(loaded, read, path);
        }
        var trained = RecommenderTrainer.Train(data, split, settings, device, progress);
        Save(path, trained, data, split.Settings, device);
        return new CacheOutcome(trained, read, path);
    }

    /// <summary>Writes a checkpoint (<see cref="Checkpoint"/> format, epoch losses as its numbers) atomically.</summary>
    public static void Save(string path, TrainedRecommender trained, RecDataset data, SplitSettings split, torch.Device device)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(trained);
        Checkpoint.Save(path, Key(trained.Settings, data, split, device), AsModule(trained.Model), trained.EpochLosses);
    }

    /// <summary>Loads a checkpoint onto <paramref name="device"/>, or returns null with what was wrong.</summary>
    public static (TrainedRecommender? Trained, CheckpointRead Read) TryLoad(string path, RecDataset data, SplitSettings split, RecommenderSettings settings, torch.Device device)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(settings);
        if (!File.Exists(path))
        {
            return (null, CheckpointRead.Missing);
        }
        ITwoTower model = settings.IsMatrixFactorization()
            ? new MatrixFactorization(data.UserCount, data.ItemCount, settings.Dim, settings.Seed, device)
            : new NeuralCollaborativeFiltering(data.UserCount, data.ItemCount, settings.Dim, settings.Seed, device);
        var read = Checkpoint.TryLoad(path, Key(settings, data, split, device), AsModule(model));
        if (read.Numbers is not { } losses)
        {
            model.Dispose();
            return (null, read);
        }
        if (model is NeuralCollaborativeFiltering ncf)
        {
            ncf.Freeze();
            ncf.eval();
        }
        return (new TrainedRecommender(model, settings, losses), read);
    }

    /// <summary>The model as a module (every two-tower model of the suite is one), for checkpoints and fingerprints.</summary>
    public static nn.Module AsModule(ITwoTower model) =>
        model as nn.Module ?? throw new NotSupportedException($"Cannot checkpoint a {model.GetType().Name}.");
}
