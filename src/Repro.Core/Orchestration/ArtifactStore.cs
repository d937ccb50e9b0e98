using Repro.Data;
using Repro.Exchange;
using Repro.Recommenders;
using Repro.SparseAutoencoders;

namespace Repro.Orchestration;

/// <summary>
/// Where a run keeps its trained models: one folder of checkpoints (<see cref="Checkpoint"/> format), each file named
/// and keyed by everything that determines its weights (<see cref="ModelCache.Key"/> for a recommender,
/// <see cref="SaeCache.Key"/> for an SAE, which includes its recommender's weight fingerprint), on the run's device.
/// A file is reused only when its key, checksum and shapes match, and never under <see cref="Force"/>. A node that an
/// imported model stands for (<see cref="Imports"/>, <c>repro reproduce --sae/--models</c>) is that model instead: it is
/// neither read from the cache nor trained, nor written to the cache.
/// </summary>
/// <param name="directory">The checkpoint folder.</param>
/// <param name="force">Train everything afresh (files are still written).</param>
/// <param name="device">The run's device, part of every key.</param>
/// <param name="imports">Exported models that replace their nodes (default none).</param>
public sealed class ArtifactStore(string directory, bool force, TorchSharp.torch.Device device, ModelImports? imports = null)
{
    /// <summary>The checkpoint folder.</summary>
    public string Directory { get; } = directory ?? throw new ArgumentNullException(nameof(directory));

    /// <summary>Whether valid checkpoints are ignored (everything retrained).</summary>
    public bool Force { get; } = force;

    /// <summary>The device every stored model is loaded onto and keyed by.</summary>
    public TorchSharp.torch.Device Device { get; } = device ?? throw new ArgumentNullException(nameof(device));

    /// <summary>The exported models that replace their nodes.</summary>
    public ModelImports Imports { get; } = imports ?? ModelImports.None;

    /// <summary>
    /// The recommender of <paramref name="node"/>: imported when an imported model stands for it, else loaded when a valid
    /// checkpoint exists, else trained (with <paramref name="progress"/>) and stored.
    /// </summary>
    public CacheOutcome Recommender(RecommenderNode node, RecDataset data, Split split, Action<TrainingProgress>? progress)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (Imports.Recommender(node.Dataset, node.Settings) is { } imported)
        {
            return new CacheOutcome(imported.LoadRecommender(Device), CheckpointRead.Imported(imported.Folder), imported.Folder);
        }
        return ModelCache.GetOrTrain(data, split, node.Settings, Device, progress, Directory, Force);
    }

    /// <summary>An SAE node's key (<see cref="SaeCache.Key"/>) and checkpoint file, given its recommender's weight fingerprint.</summary>
    public (string Key, string Path) SaeFile(SaeNode node, string recommenderFingerprint)
    {
        ArgumentNullException.ThrowIfNull(node);
        string key = SaeCache.Key(node.Settings, node.Recommender.Settings.Kind, node.Seed, recommenderFingerprint, Device);
        return (key, SaeCache.PathFor(node.Recommender.Dataset, node.Recommender.Settings.Kind, key, Directory));
    }

    /// <summary>
    /// The SAE of <paramref name="node"/>: the imported model that stands for it (checked against the recommender's weight
    /// fingerprint), else its checkpoint when that is valid (never under <see cref="Force"/>); otherwise null, with what the
    /// file lacked. The caller owns what it gets.
    /// </summary>
    public (TiedSparseAutoencoder? Sae, CheckpointRead Read) TryLoadSae(SaeNode node, ITwoTower model, string recommenderFingerprint)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (Imports.Sae(node.Recommender.Dataset, node.Recommender.Settings, node.Settings, node.Seed) is { } imported)
        {
            return (imported.LoadSae(node.Settings, recommenderFingerprint, node.Recommender.Label, Device), CheckpointRead.Imported(imported.Folder));
        }
        if (Force)
        {
            return (null, CheckpointRead.Missing);
        }
        var (key, path) = SaeFile(node, recommenderFingerprint);
        return SaeCache.TryLoad(path, model, node.Settings, node.Seed, key);
    }

    /// <summary>Stores a trained SAE under its node's key, atomically.</summary>
    public void SaveSae(SaeNode node, string recommenderFingerprint, TiedSparseAutoencoder sae)
    {
        var (key, path) = SaeFile(node, recommenderFingerprint);
        SaeCache.Save(path, key, sae);
    }
}
