using System.Globalization;
using Repro.Data;
using Repro.Recommenders;
using TorchSharp;

namespace Repro.SparseAutoencoders;

/// <summary>What an SAE cache lookup did: the SAE, and whether it was loaded or trained (and why).</summary>
/// <param name="Sae">The SAE, in eval mode when loaded.</param>
/// <param name="Read">What reading the checkpoint found; missing when forced to retrain.</param>
/// <param name="Path">The checkpoint file.</param>
public sealed record SaeCacheOutcome(TiedSparseAutoencoder Sae, CheckpointRead Read, string Path)
{
    /// <summary>Whether the checkpoint was used.</summary>
    public bool FromCache => Read.Status == CheckpointStatus.Loaded;
}

/// <summary>
/// Trained SAEs on disk, in the one <see cref="Checkpoint"/> format, keyed by everything that determines their weights:
/// the trainer's version and the checkpoint format, the settings and seed, the device, and the fingerprint of the
/// recommender weights they are trained on (a retrained recommender retrains its SAEs).
/// </summary>
public static class SaeCache
{
    /// <summary>The cache key in clear text.</summary>
    public static string Key(SaeSettings settings, ulong seed, string recommenderFingerprint, torch.Device device)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(device);
        return string.Create(CultureInfo.InvariantCulture,
            $"SAE|{SaeTrainer.Version}|{Checkpoint.Format}|{settings}|seed={seed}|recommender={recommenderFingerprint}|device={device.type}");
    }

    /// <summary>The checkpoint file of a key: <c>&lt;dataset&gt;-&lt;mf|ncf&gt;-sae-&lt;hash&gt;.model</c>.</summary>
    public static string PathFor(string dataset, RecommenderKind kind, string key, string directory) =>
        Path.Combine(directory, $"{dataset}-{kind.ToString().ToLowerInvariant()}-sae-{Checkpoint.Hash(key)[..16]}.model");

    /// <summary>Loads the SAE under <paramref name="key"/> onto the recommender's device, or returns null with what the file lacked.</summary>
    public static (TiedSparseAutoencoder? Sae, CheckpointRead Read) TryLoad(string path, ITwoTower model, SaeSettings settings, ulong seed, string key)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(settings);
        var sae = SparseAutoencoderFactory.Create(model.Kind, model.Dim, settings, (long)seed, model.UserVectors.device);
        var read = Checkpoint.TryLoad(path, key, sae);
        if (read.Status != CheckpointStatus.Loaded)
        {
            sae.Dispose();
            return (null, read);
        }
        sae.eval();
        return (sae, read);
    }

    /// <summary>Writes a trained SAE under its key, atomically.</summary>
    public static void Save(string path, string key, TiedSparseAutoencoder sae) => Checkpoint.Save(path, key, sae, []);

    /// <summary>
    /// Loads the SAE under <paramref name="key"/> from <paramref name="directory"/> when a valid checkpoint exists (unless
    /// <paramref name="force"/>), else trains it on the recommender's device and stores it.
    /// </summary>
    public static SaeCacheOutcome GetOrTrain(string dataset, ITwoTower model, Split split, SaeSettings settings, ulong seed, string key, string directory,
        bool force = false, Action<SaeProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(settings);
        string path = PathFor(dataset, model.Kind, key, directory);
        var (loaded, read) = force ? (null, CheckpointRead.Missing) : TryLoad(path, model, settings, seed, key);
        if (loaded is not null)
        {
            return new SaeCacheOutcome(loaded, read, path);
        }
        var trained = SaeTrainer.Train(model, split, settings, seed, progress);
        Save(path, key, trained);
        return new SaeCacheOutcome(trained, read, path);
    }
}
