using System.Globalization;
using Repro.Recommenders;
using TorchSharp;

namespace Repro.SparseAutoencoders;

/// <summary>
/// Trained SAEs on disk, in the one <see cref="Checkpoint"/> format, keyed by everything that determines their weights:
/// the trainer's version and the checkpoint format, the settings and seed, the device, and the fingerprint of the
/// recommender weights they are trained on (a retrained recommender retrains its SAEs).
/// </summary>
public static class SaeCache
{
    /// <summary>
    /// The cache key in clear text: the trainer's version and the format, the settings' canonical training identity
    /// (<see cref="SaeSettings.TrainingIdentity"/>: the fields that change the weights, not the display name), the seed,
    /// the recommender's weight fingerprint and the device.
    /// </summary>
    public static string Key(SaeSettings settings, RecommenderKind recommenderKind, ulong seed, string recommenderFingerprint, torch.Device device)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(device);
        return string.Create(CultureInfo.InvariantCulture,
            $"SAE|{SaeTrainer.Version}|{Checkpoint.Format}|{settings.TrainingIdentity(recommenderKind)}|seed={seed}|recommender={recommenderFingerprint}|device={device.type}");
    }

    /// <summary>The checkpoint file of a key: <c>&lt;dataset&gt;-&lt;mf|ncf&gt;-sae-&lt;hash&gt;.model</c>.</summary>
    public static string PathFor(Data.DatasetName dataset, RecommenderKind kind, string key, string directory) =>
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
}
