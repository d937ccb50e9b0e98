using System.Globalization;
using System.Text;
using Repro.Data;
using Repro.Recommenders;
using Repro.SparseAutoencoders;

namespace Repro.Exchange;

/// <summary>
/// One exported model on disk: <c>model.safetensors</c> (the weights, <see cref="Safetensors"/>), <c>config.json</c>
/// (<see cref="ModelConfig"/>) and, for a recommender, <c>users.csv</c> and <c>items.csv</c> (row → original id). Writing
/// reads the folder back and compares every value before it counts as written; reading checks the config, then every
/// tensor's name, dtype and shape against it, before any value is read.
/// </summary>
public static class ModelFolder
{
    /// <summary>The weights file's name.</summary>
    public const string WeightsFile = "model.safetensors";

    /// <summary>A recommender's user id map.</summary>
    public const string UsersFile = "users.csv";

    /// <summary>A recommender's item id map.</summary>
    public const string ItemsFile = "items.csv";

    /// <summary>The exporting code, written into every config.</summary>
    public static string ExportedBy => "repro export (Repro.Core " + (typeof(ModelFolder).Assembly.GetName().Version?.ToString() ?? "?") + ")";

    /// <summary>The folder name of a recommender: <c>ml-1m-mf-recommender-seed42-1a2b3c4d</c> (the hash tells settings apart).</summary>
    public static string RecommenderName(DatasetName dataset, RecommenderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return string.Create(CultureInfo.InvariantCulture,
            $"{Safe(dataset.Value)}-{settings.Kind.ToString().ToLowerInvariant()}-recommender-seed{settings.Seed}-{Checkpoint.Hash(dataset.Value + "|" + settings.TrainingIdentity())[..8]}");
    }

    /// <summary>The folder name of an SAE: <c>ml-1m-mf-sae-plain-m22-lpred1-seed42-1a2b3c4d</c> (top-k and the hash tell settings apart).</summary>
    public static string SaeName(DatasetName dataset, RecommenderSettings recommender, SaeSettings settings, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(recommender);
        ArgumentNullException.ThrowIfNull(settings);
        string variant = settings.Variant switch
        {
            SaeVariant.TopK => string.Create(CultureInfo.InvariantCulture, $"top{settings.TopK}"),
            var v => v.ToString().ToLowerInvariant(),
        };
        return string.Create(CultureInfo.InvariantCulture,
            $"{Safe(dataset.Value)}-{recommender.Kind.ToString().ToLowerInvariant()}-sae-{variant}-m{settings.Latents}-lpred{settings.PredictionWeight:R}-seed{seed}-{Checkpoint.Hash(ImportIdentity.Sae(dataset, recommender, settings, seed))[..8]}");
    }

    /// <summary>The dataset as an export records it.</summary>
    public static ExportedDataset Describe(RecDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new ExportedDataset(data.Name.Value, data.Fingerprint, data.UserCount, data.ItemCount, data.InteractionCount, data.Files);
    }

    /// <summary>Writes a trained recommender into the new folder <paramref name="folder"/> and checks it reads back; returns the bytes written.</summary>
    public static long WriteRecommender(string folder, TrainedRecommender trained, RecDataset data, SplitSettings split)
    {
        ArgumentNullException.ThrowIfNull(trained);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(split);
        var model = trained.Model;
        var tensors = RecommenderTensors.Export(model);
        var config = new ModelConfig(
            ModelConfig.CurrentFormat,
            ModelConfig.RecommenderModel,
            WeightsFile,
            RecommenderTensors.Describe(model.Kind, model.UserCount, model.ItemCount, model.Dim),
            Describe(data),
            split,
            new ExportedRecommender(model.Kind, trained.Settings, RecommenderTrainer.Version, Checkpoint.Fingerprint(ModelCache.AsModule(model)), Path.GetFileName(folder)),
            null,
            new IdMaps(UsersFile, ItemsFile),
            trained.EpochLosses,
            ExportedBy);
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, WeightsFile), Safetensors.Serialize(tensors, Metadata(config)));
        File.WriteAllText(Path.Combine(folder, ModelConfig.FileName), config.ToJson());
        File.WriteAllText(Path.Combine(folder, UsersFile), UsersCsv(data));
        File.WriteAllText(Path.Combine(folder, ItemsFile), ItemsCsv(data));
        Verify(folder, tensors);
        return Bytes(folder);
    }

    /// <summary>Writes a lone SAE trained on <paramref name="recommender"/> into the new folder <paramref name="folder"/> and checks it reads back; returns the bytes written.</summary>
    public static long WriteSae(string folder, TiedSparseAutoencoder sae, SaeSettings settings, ulong seed, ExportedRecommender recommender, RecDataset data, SplitSettings split)
    {
        ArgumentNullException.ThrowIfNull(sae);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(recommender);
        ArgumentNullException.ThrowIfNull(data);
        var kind = recommender.Kind;
        var tensors = SaeTensors.Export(sae);
        var config = new ModelConfig(
            ModelConfig.CurrentFormat,
            ModelConfig.SaeModel,
            WeightsFile,
            SaeTensors.Describe(kind, sae.InputDim, sae.Latents),
            Describe(data),
            split,
            recommender,
            Formulas(sae, settings, seed, kind),
            null,
            null,
            ExportedBy);
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, WeightsFile), Safetensors.Serialize(tensors, Metadata(config)));
        File.WriteAllText(Path.Combine(folder, ModelConfig.FileName), config.ToJson());
        Verify(folder, tensors);
        return Bytes(folder);
    }

    /// <summary>
    /// Reads an exported model: the config, then the weights file's header against it (every expected tensor present, no
    /// other, float32, the shapes the config implies), then the values; an SAE must be tied (and have no NCF decoder bias).
    /// </summary>
    /// <exception cref="ExchangeFormatException">Naming the file, the tensor and what was expected against what was found.</exception>
    public static ImportedModel Read(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        if (!Directory.Exists(folder))
        {
            throw new ExchangeFormatException(folder, File.Exists(folder)
                ? "is a file; expected the folder of one exported model (config.json and model.safetensors, as `repro export` writes)."
                : "does not exist; expected the folder of one exported model (config.json and model.safetensors, as `repro export` writes).");
        }
        string configPath = Path.Combine(folder, ModelConfig.FileName);
        if (!File.Exists(configPath))
        {
            throw new ExchangeFormatException(folder, "has no config.json; expected the folder of one exported model, as `repro export` writes.");
        }
        var config = ModelConfig.Read(configPath);
        if (config.Weights != Path.GetFileName(config.Weights) || !config.Weights.EndsWith(".safetensors", StringComparison.Ordinal) || config.Weights.StartsWith('.'))
        {
            throw new ExchangeFormatException(configPath, $"names weights '{config.Weights}'; expected a .safetensors file name in the same folder.");
        }
        string weights = Path.Combine(folder, config.Weights);
        var expected = ExpectedShapes(configPath, config);
        var header = Safetensors.ReadHeader(weights);
        string what = config.Model == ModelConfig.SaeModel ? "an SAE" : "a " + config.Recommender.Kind + " recommender";
        foreach (var (name, shape) in expected)
        {
            var entry = header.Find(name) ?? throw new ExchangeFormatException(weights,
                $"has no tensor '{name}' (expected {NamedTensor.ShapeText(shape)} for {what}); it has {string.Join(", ", header.Entries.Select(e => e.Name))}.");
            if (entry.DType != "F32")
            {
                throw new ExchangeFormatException(weights, $"tensor '{name}' has dtype {entry.DType}; expected F32 (float32).");
            }
            if (!entry.Shape.SequenceEqual(shape))
            {
                throw new ExchangeFormatException(weights,
                    $"tensor '{name}' has shape {NamedTensor.ShapeText(entry.Shape)}; expected {NamedTensor.ShapeText(shape)} ({ShapeReason(config)}, from {ModelConfig.FileName}).");
            }
        }
        foreach (var extra in header.Entries.Where(e => !expected.ContainsKey(e.Name)))
        {
            throw new ExchangeFormatException(weights, $"has tensor '{extra.Name}', which {what} does not have (expected exactly {string.Join(", ", expected.Keys)}).");
        }
        var tensors = Safetensors.ReadFloat32(weights).ToDictionary(t => t.Name, StringComparer.Ordinal);
        if (config.Sae is { } sae)
        {
            SaeTensors.CheckRepresentable(weights, config.Recommender.Kind, sae.InputDim, sae.Latents, tensors);
        }
        return new ImportedModel(Path.GetFullPath(folder), config, tensors)
        {
            ReadSeconds = clock.Elapsed.TotalSeconds,
            Bytes = new FileInfo(configPath).Length + new FileInfo(weights).Length,
        };
    }

    // The shapes the config implies, after checking that its numbers agree with each other.
    private static IReadOnlyDictionary<string, long[]> ExpectedShapes(string configPath, ModelConfig config)
    {
        var rec = config.Recommender.Settings;
        if (config.Sae is not { } sae)
        {
            if (config.Dataset.Users <= 0 || config.Dataset.Items <= 0)
            {
                throw new ExchangeFormatException(configPath, $"gives {config.Dataset.Users} users and {config.Dataset.Items} items; expected positive counts.");
            }
            return RecommenderTensors.Shapes(rec.Kind, config.Dataset.Users, config.Dataset.Items, rec.Dim);
        }
        void Require(bool ok, string problem)
        {
            if (!ok)
            {
                throw new ExchangeFormatException(configPath, problem);
            }
        }
        Require(sae.InputDim == rec.Dim, string.Create(CultureInfo.InvariantCulture, $"gives the SAE input_dim {sae.InputDim}, but its recommender's embeddings have {rec.Dim} dimensions."));
        Require(sae.Latents == sae.Settings.Latents, string.Create(CultureInfo.InvariantCulture, $"gives the SAE {sae.Latents} latents, but its settings say {sae.Settings.Latents}."));
        Require(sae.Variant == sae.Settings.Variant, $"gives the SAE variant {sae.Variant}, but its settings say {sae.Settings.Variant}.");
        Require(sae.K == sae.Settings.TopK, $"gives k = {sae.K?.ToString(CultureInfo.InvariantCulture) ?? "null"}, but the settings' top_k is {sae.Settings.TopK?.ToString(CultureInfo.InvariantCulture) ?? "null"}.");
        int m = sae.Latents;
        Require(sae.Variant != SaeVariant.Matryoshka || (sae.Prefixes is { } p && p.SequenceEqual([m / 4, m / 2, m])),
            string.Create(CultureInfo.InvariantCulture, $"gives Matryoshka prefixes [{string.Join(", ", sae.Prefixes ?? [])}]; this suite's Matryoshka SAEs nest [{m / 4}, {m / 2}, {m}]."));
        return SaeTensors.Shapes(sae.InputDim, sae.Latents);
    }

    private static string ShapeReason(ModelConfig config) => config.Sae is { } sae
        ? string.Create(CultureInfo.InvariantCulture, $"n = {sae.InputDim} inputs, m = {sae.Latents} latents")
        : string.Create(CultureInfo.InvariantCulture, $"{config.Dataset.Users} users, {config.Dataset.Items} items, d = {config.Recommender.Settings.Dim}");

    private static ExportedSae Formulas(TiedSparseAutoencoder sae, SaeSettings settings, ulong seed, RecommenderKind kind)
    {
        int m = sae.Latents;
        IReadOnlyList<int>? prefixes = sae is MatryoshkaSparseAutoencoder nested ? nested.Prefixes : null;
        int? k = sae is TopKSparseAutoencoder top ? top.K : null;
        string input = kind == RecommenderKind.MF ? "(x_norm - b_dec)" : "x";
        string pre = input + " @ W_enc + b_enc";
        string encode = k is { } kk
            ? string.Create(CultureInfo.InvariantCulture, $"a = {pre}; z = relu(a) at the {kk} largest entries of a in each row, 0 elsewhere")
            : $"z = relu({pre})";
        string decode = kind == RecommenderKind.MF ? "x_hat = (z @ W_dec + b_dec) * sigma + mu" : "x_hat = z @ W_dec";
        if (prefixes is not null)
        {
            decode += "; prefix p keeps z[:, :p] and zeroes the rest before decoding";
        }
        var normalisation = kind == RecommenderKind.MF
            ? new SaeNormalisation(
                string.Create(CultureInfo.InvariantCulture, $"x_norm = (x - mu) / (sigma + {MfSparseAutoencoder.StdEpsilon:0e0}), mu = x.mean(dim=1), sigma = x.std(dim=1) of each vector x"),
                "x_hat = decoded * sigma + mu, with the mu and sigma of the vector that was encoded (no epsilon)",
                MfSparseAutoencoder.StdEpsilon,
                "unbiased (divides by n - 1; torch.std's default)")
            : null;
        return new ExportedSae(settings.Variant, sae.InputDim, m, k, prefixes, seed, settings, SaeTrainer.Version,
            "tied: one weight W [m, n]; W_enc = W transposed, W_dec = W",
            encode, decode,
            kind == RecommenderKind.MF ? "b_pre: subtracted from the normalised input before encoding, added back after decoding" : "zeros: the NCF SAE has no decoder bias",
            normalisation);
    }

    // What a reader without the config still learns from the weights file (safetensors' own metadata).
    private static Dictionary<string, string> Metadata(ModelConfig config) => new(StringComparer.Ordinal)
    {
        ["format"] = "pt",
        ["repro_format"] = config.Format,
        ["model"] = config.Model,
        ["dataset"] = config.Dataset.Name,
        ["data_fingerprint"] = config.Dataset.Fingerprint,
        ["config"] = ModelConfig.FileName,
    };

    // Reads the written folder back through the importer and compares every value bit for bit.
    private static void Verify(string folder, IReadOnlyList<NamedTensor> written)
    {
        var read = Read(folder);
        foreach (var t in written)
        {
            if (!read.Tensors.TryGetValue(t.Name, out var back) || !back.Shape.SequenceEqual(t.Shape)
                || !back.Values.AsSpan().SequenceEqual(t.Values))
            {
                throw new IOException($"{Path.Combine(folder, WeightsFile)}: tensor '{t.Name}' did not read back as written.");
            }
        }
    }

    private static string UsersCsv(RecDataset data)
    {
        var sb = new StringBuilder("row,user_id\n");
        for (int u = 0; u < data.UserCount; u++)
        {
            sb.Append(u.ToString(CultureInfo.InvariantCulture)).Append(',').Append(data.UserExternalIds[u].ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        return sb.ToString();
    }

    private static string ItemsCsv(RecDataset data)
    {
        var sb = new StringBuilder("row,item_id,label\n");
        for (int i = 0; i < data.ItemCount; i++)
        {
            sb.Append(i.ToString(CultureInfo.InvariantCulture)).Append(',').Append(data.ItemExternalIds[i].ToString(CultureInfo.InvariantCulture))
                .Append(',').Append(CsvField(data.ItemLabels[i])).Append('\n');
        }
        return sb.ToString();
    }

    // RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled.
    private static string CsvField(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;

    private static long Bytes(string folder) => Directory.GetFiles(folder).Sum(f => new FileInfo(f).Length);

    // A dataset name as a folder name: letters, digits, '.', '_' and '-' kept, anything else '-'.
    private static string Safe(string name) =>
        string.Concat((name ?? "").Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-'));
}
