using System.Globalization;
using Repro.Data;
using Repro.Recommenders;
using Repro.SparseAutoencoders;

namespace Repro.Exchange;

/// <summary>
/// The exported models a run uses instead of training (<c>repro reproduce --sae DIR --models DIR</c>), each read and
/// checked when opened (<see cref="ModelFolder.Read"/>) and served for the node it stands for (<see cref="ImportIdentity"/>).
/// <see cref="CheckData"/> compares each with the run's data before anything is trained.
/// </summary>
public sealed class ModelImports
{
    private readonly Dictionary<string, ImportedModel> _byIdentity;

    private ModelImports(IReadOnlyList<ImportedModel> models)
    {
        Models = models;
        _byIdentity = models.ToDictionary(m => m.Identity, StringComparer.Ordinal);
    }

    /// <summary>No imports: every model is loaded from the cache or trained.</summary>
    public static ModelImports None { get; } = new([]);

    /// <summary>The imported models, in the order given.</summary>
    public IReadOnlyList<ImportedModel> Models { get; }

    /// <summary>
    /// Reads every SAE folder in <paramref name="saeFolders"/> and every model under <paramref name="modelFolders"/> (a
    /// folder of one model, or a folder whose subfolders are models, as <c>repro export</c> writes them).
    /// </summary>
    /// <exception cref="ExchangeFormatException">A folder that is not an exported model, a malformed one, a recommender given as an SAE, or two folders for one model.</exception>
    public static ModelImports Open(IEnumerable<string> saeFolders, IEnumerable<string> modelFolders)
    {
        ArgumentNullException.ThrowIfNull(saeFolders);
        ArgumentNullException.ThrowIfNull(modelFolders);
        var models = new List<ImportedModel>();
        foreach (string folder in saeFolders)
        {
            var model = ModelFolder.Read(folder);
            if (!model.IsSae)
            {
                throw new ExchangeFormatException(folder, "holds a recommender, not an SAE; give a recommender (or a whole export) with --models.");
            }
            models.Add(model);
        }
        foreach (string folder in modelFolders)
        {
            models.AddRange(ReadModels(folder));
        }
        var seen = new Dictionary<string, ImportedModel>(StringComparer.Ordinal);
        foreach (var m in models)
        {
            if (seen.TryGetValue(m.Identity, out var first))
            {
                if (first.Folder == m.Folder)
                {
                    continue;
                }
                throw new ExchangeFormatException(m.Folder, $"is the same model as {first.Folder} ({m.Label}); give each model once.");
            }
            seen.Add(m.Identity, m);
        }
        return new ModelImports([.. seen.Values]);
    }

    /// <summary>The imported recommender of <paramref name="dataset"/> trained with <paramref name="settings"/>, or null.</summary>
    public ImportedModel? Recommender(DatasetName dataset, RecommenderSettings settings) =>
        _byIdentity.GetValueOrDefault(ImportIdentity.Recommender(dataset, settings));

    /// <summary>The imported SAE with <paramref name="settings"/> and <paramref name="seed"/> on that recommender, or null.</summary>
    public ImportedModel? Sae(DatasetName dataset, RecommenderSettings recommender, SaeSettings settings, ulong seed) =>
        _byIdentity.GetValueOrDefault(ImportIdentity.Sae(dataset, recommender, settings, seed));

    /// <summary>
    /// Checks every model imported for <paramref name="data"/>'s dataset against it: the data fingerprint and the user and
    /// item counts; and each SAE against an imported recommender it reads (the recommender weights it was trained on).
    /// </summary>
    /// <exception cref="ExchangeFormatException">A model exported for other data, or an SAE of other recommender weights.</exception>
    public void CheckData(RecDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        foreach (var m in Models.Where(m => m.Config.Dataset.Name == data.Name.Value))
        {
            var d = m.Config.Dataset;
            if (d.Fingerprint != data.Fingerprint)
            {
                throw new ExchangeFormatException(m.ConfigPath,
                    $"was exported for data with fingerprint '{d.Fingerprint}', but this run's {data.Name} has '{data.Fingerprint}': the weights belong to other data (another file, version or preprocessing).");
            }
            if (d.Users != data.UserCount || d.Items != data.ItemCount)
            {
                throw new ExchangeFormatException(m.ConfigPath, string.Create(CultureInfo.InvariantCulture,
                    $"was exported for {d.Users} users × {d.Items} items, but this run's {data.Name} has {data.UserCount} × {data.ItemCount}."));
            }
        }
        foreach (var rec in Models.Where(m => !m.IsSae && m.Config.Dataset.Name == data.Name.Value && m.Config.Recommender.WeightsFingerprint.Length > 0))
        {
            if (rec.RecommenderFingerprint() != rec.Config.Recommender.WeightsFingerprint)
            {
                throw new ExchangeFormatException(rec.WeightsPath,
                    $"its tensors have weights fingerprint {Short(rec.RecommenderFingerprint())}, but {ModelConfig.FileName} records {Short(rec.Config.Recommender.WeightsFingerprint)}: the weights were changed after export (set weights_fingerprint to \"\" to import other weights on purpose).");
            }
        }
        foreach (var sae in Models.Where(m => m.IsSae && m.Config.Dataset.Name == data.Name.Value && m.Config.Recommender.WeightsFingerprint.Length > 0))
        {
            if (Recommender(data.Name, sae.Config.Recommender.Settings) is { } rec && rec.RecommenderFingerprint() != sae.Config.Recommender.WeightsFingerprint)
            {
                throw new ExchangeFormatException(sae.ConfigPath,
                    $"this SAE was trained on recommender weights {Short(sae.Config.Recommender.WeightsFingerprint)}, but the imported recommender {rec.Folder} has weights {Short(rec.RecommenderFingerprint())}.");
            }
        }
    }

    /// <summary>The first 12 characters of a fingerprint, for messages.</summary>
    internal static string Short(string fingerprint) => fingerprint.Length <= 12 ? fingerprint : fingerprint[..12] + "…";

    private static IEnumerable<ImportedModel> ReadModels(string folder)
    {
        if (File.Exists(Path.Combine(folder, ModelConfig.FileName)) || !Directory.Exists(folder))
        {
            return [ModelFolder.Read(folder)];
        }
        string[] children = [.. Directory.GetDirectories(folder).Order(StringComparer.Ordinal)];
        if (children.Length == 0)
        {
            throw new ExchangeFormatException(folder, "holds no exported model (no config.json, no model folders); expected the output folder of `repro export`.");
        }
        return [.. children.Select(ModelFolder.Read)];
    }
}
