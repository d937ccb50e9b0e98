using System.Globalization;
using Repro.Data;
using Repro.Recommenders;
using Repro.SparseAutoencoders;
using static TorchSharp.torch;

namespace Repro.Exchange;

/// <summary>
/// An exported model read from its folder (<see cref="ModelFolder.Read"/>): its config and tensors, already checked
/// against each other; it becomes a run's model with <see cref="LoadRecommender"/> or <see cref="LoadSae"/>.
/// </summary>
public sealed class ImportedModel
{
    private readonly Lock _gate = new();
    private string? _fingerprint;

    /// <summary>A model read from <paramref name="folder"/> (absolute) with its checked config and tensors.</summary>
    public ImportedModel(string folder, ModelConfig config, IReadOnlyDictionary<string, NamedTensor> tensors)
    {
        Folder = folder ?? throw new ArgumentNullException(nameof(folder));
        Config = config ?? throw new ArgumentNullException(nameof(config));
        Tensors = tensors ?? throw new ArgumentNullException(nameof(tensors));
    }

    /// <summary>The model's folder (absolute).</summary>
    public string Folder { get; }

    /// <summary>Its config.</summary>
    public ModelConfig Config { get; }

    /// <summary>Its tensors by name.</summary>
    public IReadOnlyDictionary<string, NamedTensor> Tensors { get; }

    /// <summary>Seconds it took to read and check the folder (config, header, values).</summary>
    public double ReadSeconds { get; init; }

    /// <summary>Bytes of its config and weights files.</summary>
    public long Bytes { get; init; }

    /// <summary>Its config.json.</summary>
    public string ConfigPath => Path.Combine(Folder, ModelConfig.FileName);

    /// <summary>Its weights file.</summary>
    public string WeightsPath => Path.Combine(Folder, Config.Weights);

    /// <summary>Whether it is an SAE (else a recommender).</summary>
    public bool IsSae => Config.Sae is not null;

    /// <summary>The node it stands for (<see cref="ImportIdentity"/>).</summary>
    public string Identity => Config.Sae is { } sae
        ? ImportIdentity.Sae(new DatasetName(Config.Dataset.Name), Config.Recommender.Settings, sae.Settings, sae.Seed)
        : ImportIdentity.Recommender(new DatasetName(Config.Dataset.Name), Config.Recommender.Settings);

    /// <summary>"ml-1m MF SAE (Plain, m = 22, λ_pred = 1, seed 42)" or "ml-1m MF recommender (d = 20, 10 epochs, batch 256, lr 0.05, seed 42)".</summary>
    public string Label => Config.Sae is { } s
        ? string.Create(CultureInfo.InvariantCulture,
            $"{Config.Dataset.Name} {Config.Recommender.Kind} SAE ({s.Variant}{(s.K is int k ? $" k = {k}" : "")}, m = {s.Latents}, λ_pred = {s.Settings.PredictionWeight}, seed {s.Seed})")
        : string.Create(CultureInfo.InvariantCulture,
            $"{Config.Dataset.Name} {Config.Recommender.Kind} recommender (d = {Config.Recommender.Settings.Dim}, {Config.Recommender.Settings.Epochs} epochs, batch {Config.Recommender.Settings.BatchSize}, lr {Config.Recommender.Settings.LearningRate}, seed {Config.Recommender.Settings.Seed})");

    /// <summary>The recommender these weights make, frozen, on <paramref name="device"/>, with the exported epoch losses.</summary>
    public TrainedRecommender LoadRecommender(TorchSharp.torch.Device device)
    {
        RequireKind(sae: false);
        var settings = Config.Recommender.Settings;
        var model = RecommenderTensors.Import(settings, Config.Dataset.Users, Config.Dataset.Items, Tensors, device);
        IReadOnlyList<double> losses = Config.EpochLosses is { Count: > 0 } l ? l : [double.NaN];
        return new TrainedRecommender(model, settings, losses);
    }

    /// <summary>
    /// SHA-256 of the recommender's weights as the suite keys them (<see cref="Checkpoint.Fingerprint"/>), computed from the
    /// tensors (on the CPU, once).
    /// </summary>
    public string RecommenderFingerprint()
    {
        RequireKind(sae: false);
        lock (_gate)
        {
            if (_fingerprint is not null)
            {
                return _fingerprint;
            }
            using var model = RecommenderTensors.Import(Config.Recommender.Settings, Config.Dataset.Users, Config.Dataset.Items, Tensors, CPU);
            _fingerprint = Checkpoint.Fingerprint(ModelCache.AsModule(model));
            return _fingerprint;
        }
    }

    /// <summary>
    /// The SAE these weights make, as <paramref name="settings"/>' variant (the node's, which has this SAE's identity), on
    /// <paramref name="device"/>, after checking that it was trained on the recommender whose weights have
    /// <paramref name="recommenderFingerprint"/> (when the config records one).
    /// </summary>
    /// <exception cref="ExchangeFormatException">The SAE was trained on other recommender weights.</exception>
    public TiedSparseAutoencoder LoadSae(SaeSettings settings, string recommenderFingerprint, string recommenderLabel, TorchSharp.torch.Device device)
    {
        ArgumentNullException.ThrowIfNull(settings);
        RequireKind(sae: true);
        var sae = Config.Sae!;
        string recorded = Config.Recommender.WeightsFingerprint;
        if (recorded.Length > 0 && recorded != recommenderFingerprint)
        {
            throw new ExchangeFormatException(ConfigPath,
                $"this SAE was trained on recommender weights {ModelImports.Short(recorded)}, but this run's {recommenderLabel} has weights {ModelImports.Short(recommenderFingerprint)}: import its recommender too (--models with folder {Config.Recommender.Folder}), or retrain the SAE.");
        }
        return SaeTensors.Import(Config.Recommender.Kind, sae.InputDim, settings, sae.Seed, Tensors, device);
    }

    private void RequireKind(bool sae)
    {
        if (IsSae != sae)
        {
            throw new InvalidOperationException($"{Folder} holds {(IsSae ? "an SAE" : "a recommender")}, not {(sae ? "an SAE" : "a recommender")}.");
        }
    }
}
