using System.Text.Json.Serialization;
using System.Text.Json;
using Repro.Data;
using Repro.Recommenders;
using Repro.SparseAutoencoders;

namespace Repro.Exchange;

/// <summary>The data an exported model was trained on: enough to refuse other data and to align rows to the original ids.</summary>
/// <param name="Name">The dataset's name ("ml-1m", "lastfm", "synthetic", a --data folder's name).</param>
/// <param name="Fingerprint">Its fingerprint (<see cref="RecDataset.Fingerprint"/>): SHA-256 prefixes of every input file, or the generator's settings.</param>
/// <param name="Users">Users: rows of the user embedding, in the order of <c>users.csv</c>.</param>
/// <param name="Items">Items: rows of the item embedding, in the order of <c>items.csv</c>.</param>
/// <param name="Interactions">Interactions (binarised).</param>
/// <param name="Files">Every input file with its full SHA-256 and size.</param>
public sealed record ExportedDataset(string Name, string Fingerprint, int Users, int Items, long Interactions, IReadOnlyList<FileFingerprint> Files);

/// <summary>The recommender of an exported model (the model itself, or the one an SAE reads).</summary>
/// <param name="Kind">MF or NCF.</param>
/// <param name="Settings">Its settings; their seed is the run's (split, initialisation, negatives).</param>
/// <param name="TrainerVersion">The recommender trainer's version that trained it.</param>
/// <param name="WeightsFingerprint">SHA-256 of its weights as the suite keys them (<see cref="Checkpoint.Fingerprint"/>); empty when unknown.</param>
/// <param name="Folder">The exported folder of that recommender, beside this one.</param>
public sealed record ExportedRecommender(RecommenderKind Kind, RecommenderSettings Settings, string TrainerVersion, string WeightsFingerprint, string Folder);

/// <summary>How an MF SAE normalises each vector before encoding and undoes it after decoding (SPEC §4).</summary>
/// <param name="Before">The normalisation, as a formula.</param>
/// <param name="After">The de-normalisation, as a formula.</param>
/// <param name="Epsilon">The guard added to σ before dividing.</param>
/// <param name="Std">Which standard deviation.</param>
public sealed record SaeNormalisation(string Before, string After, double Epsilon, string Std);

/// <summary>An exported SAE: its variant, sizes and the formulas that use its tensors.</summary>
/// <param name="Variant">Plain (KL/L1), TopK or Matryoshka.</param>
/// <param name="InputDim">n, the recommender's embedding size.</param>
/// <param name="Latents">m.</param>
/// <param name="K">Top-K's k (latents kept per vector); null for other variants.</param>
/// <param name="Prefixes">Matryoshka's nested prefix sizes (the last is m); null for other variants.</param>
/// <param name="Seed">The SAE's seed (initialisation and batches).</param>
/// <param name="Settings">The settings that trained it (λ's, m, steps, batches).</param>
/// <param name="TrainerVersion">The SAE trainer's version that trained it.</param>
/// <param name="Tied">How the four weight tensors relate.</param>
/// <param name="Encode">The code of an embedding x, as a formula.</param>
/// <param name="Decode">The reconstruction of x from its code z, as a formula.</param>
/// <param name="DecoderBias">What <c>b_dec</c> is.</param>
/// <param name="Normalisation">MF SAEs: the per-vector normalisation around the SAE; null for NCF SAEs, which have none.</param>
public sealed record ExportedSae(
    SaeVariant Variant,
    int InputDim,
    int Latents,
    int? K,
    IReadOnlyList<int>? Prefixes,
    ulong Seed,
    SaeSettings Settings,
    string TrainerVersion,
    string Tied,
    string Encode,
    string Decode,
    string DecoderBias,
    SaeNormalisation? Normalisation);

/// <summary>Where a recommender's rows come from: CSV files beside its weights.</summary>
/// <param name="Users">Row → original user id (<c>row,user_id</c>).</param>
/// <param name="Items">Row → original item id and label (<c>row,item_id,label</c>).</param>
public sealed record IdMaps(string Users, string Items);

/// <summary>
/// <c>config.json</c> of one exported model: what the weights in <see cref="Weights"/> are, what trained them, on which
/// data and split, and how to use them, so a Python user needs nothing of this suite. <see cref="Model"/> says which of
/// <see cref="Sae"/> (an SAE) or <see cref="Ids"/> and <see cref="EpochLosses"/> (a recommender) are set.
/// </summary>
/// <param name="Format">The exchange format's version (<see cref="CurrentFormat"/>).</param>
/// <param name="Model">"sae" or "recommender".</param>
/// <param name="Weights">The safetensors file beside this one.</param>
/// <param name="Tensors">Each tensor of the weights file with its shape and meaning.</param>
/// <param name="Dataset">The training data.</param>
/// <param name="Split">The train/test split (its seed is the run's).</param>
/// <param name="Recommender">The recommender (the model itself, or the one an SAE reads).</param>
/// <param name="Sae">The SAE, for an SAE.</param>
/// <param name="Ids">The row-to-id maps, for a recommender.</param>
/// <param name="EpochLosses">A recommender's mean training loss per epoch.</param>
/// <param name="ExportedBy">What wrote the folder.</param>
public sealed record ModelConfig(
    string Format,
    string Model,
    string Weights,
    IReadOnlyDictionary<string, string> Tensors,
    ExportedDataset Dataset,
    SplitSettings Split,
    ExportedRecommender Recommender,
    ExportedSae? Sae,
    IdMaps? Ids,
    IReadOnlyList<double>? EpochLosses,
    string ExportedBy)
{
    /// <summary>The version of this layout; an import refuses any other.</summary>
    public const string CurrentFormat = "repro-exchange-1";

    /// <summary>The config file's name in a model folder.</summary>
    public const string FileName = "config.json";

    /// <summary><see cref="Model"/> of an SAE.</summary>
    public const string SaeModel = "sae";

    /// <summary><see cref="Model"/> of a recommender.</summary>
    public const string RecommenderModel = "recommender";

    /// <summary>
    /// Snake-case JSON, enums by name, required fields enforced, NaN losses as "NaN" (a diverged run has them), and
    /// formulas readable as written (no \u002B for '+': the file is never embedded in HTML).
    /// </summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    /// <summary>The config as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions) + "\n";

    /// <summary>Reads <paramref name="path"/>; a file that is not this layout is an error naming it and what is wrong.</summary>
    /// <exception cref="ExchangeFormatException">Unreadable, not JSON, a field missing or of the wrong type, another format version.</exception>
    public static ModelConfig Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ExchangeFormatException(path, "cannot be read (" + e.Message + ").", e);
        }
        ModelConfig? config;
        try
        {
            config = JsonSerializer.Deserialize<ModelConfig>(text, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new ExchangeFormatException(path, "is not an exported model's config (" + e.Message + ").", e);
        }
        if (config is null)
        {
            throw new ExchangeFormatException(path, "is empty (null); expected an exported model's config.");
        }
        if (config.Format != CurrentFormat)
        {
            throw new ExchangeFormatException(path, $"has format '{config.Format}'; this version of the suite reads '{CurrentFormat}'.");
        }
        if (config.Model is not (SaeModel or RecommenderModel))
        {
            throw new ExchangeFormatException(path, $"has model '{config.Model}'; expected '{SaeModel}' or '{RecommenderModel}'.");
        }
        if (config.Model == SaeModel && config.Sae is null)
        {
            throw new ExchangeFormatException(path, "is an SAE's config without its 'sae' section.");
        }
        if (config.Model == RecommenderModel && config.Ids is null)
        {
            throw new ExchangeFormatException(path, "is a recommender's config without its 'ids' section.");
        }
        try
        {
            config.Recommender.Settings.Validate();
            config.Sae?.Settings.Validate();
        }
        catch (ArgumentException e)
        {
            throw new ExchangeFormatException(path, e.Message, e);
        }
        if (config.Recommender.Settings.Kind != config.Recommender.Kind)
        {
            throw new ExchangeFormatException(path, $"names recommender kind {config.Recommender.Kind} but its settings are for {config.Recommender.Settings.Kind}.");
        }
        return config;
    }
}
