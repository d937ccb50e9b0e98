using System.Globalization;
using Repro.Experiments;
using Repro.Recommenders;
using Repro.SparseAutoencoders;

namespace Repro.Presentation;

/// <summary>
/// The line every concept table, neuron card and Matryoshka table carries under it, so an excerpt still says what
/// produced it: the SAE preset with its width and step budget, the recommender preset, the seed, and the fingerprint of
/// the data files.
/// </summary>
public static class ProducedBy
{
    /// <summary>"Produced by: SAE lastfm MF (m = 70, 2,100 steps); recommender lastfm MF (d = 100, 30 epochs, …); seed 42; data …".</summary>
    public static string Line(SaeSettings sae, PaperSetting cell, ulong seed, string dataFingerprint)
    {
        ArgumentNullException.ThrowIfNull(sae);
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(dataFingerprint);
        return string.Create(CultureInfo.InvariantCulture,
            $"Produced by: SAE {sae.Name} ({Sae(sae)}); recommender {cell.Label} ({Recommender(cell.Recommender)}); seed {seed}; data {dataFingerprint}.");
    }

    /// <summary>The line for a concept analysis (its cell's paper-setting SAE).</summary>
    public static string Line(ConceptResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Line(result.Setting.Sae, result.Setting, result.Seed, result.Report.DataFingerprint);
    }

    /// <summary>"m = 70, λ_pred = 1, 2,100 steps" (and the variant where it is not the paper's plain SAE).</summary>
    public static string Sae(SaeSettings sae)
    {
        ArgumentNullException.ThrowIfNull(sae);
        string variant = sae.Variant switch
        {
            SaeVariant.Matryoshka => "Matryoshka, ",
            SaeVariant.TopK => string.Create(CultureInfo.InvariantCulture, $"Top-K k = {sae.TopK}, "),
            _ => "",
        };
        return string.Create(CultureInfo.InvariantCulture, $"{variant}m = {sae.Latents}, λ_pred = {sae.PredictionWeight}, {sae.Steps:N0} steps");
    }

    /// <summary>"d = 100, 30 epochs, batch 8, lr 0.05, λ_L2 0.01" (λ_L2 for MF only).</summary>
    public static string Recommender(RecommenderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return string.Create(CultureInfo.InvariantCulture, $"d = {settings.Dim}, {settings.Epochs} epochs, batch {settings.BatchSize}, lr {settings.LearningRate}")
            + (settings.Kind == RecommenderKind.MF ? string.Create(CultureInfo.InvariantCulture, $", λ_L2 {settings.L2}") : "");
    }
}
