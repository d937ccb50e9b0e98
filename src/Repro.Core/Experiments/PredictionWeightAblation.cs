using System.Globalization;
using Repro.Analysis;
using Repro.Data;
using Repro.Recommenders;
using Repro.SparseAutoencoders;

namespace Repro.Experiments;

/// <summary>One λ_pred (<see cref="SaeSettings.PredictionWeight"/>) of the ablation the paper calls "β ablation": fidelity and health of the SAE trained with it.</summary>
public sealed record PredictionWeightAblationRow(double PredictionWeight, FidelityResult Fidelity, SaeHealthReport Health, MonosemanticityResult Monosemanticity);

/// <summary>The λ_pred ablation's rows and the settings that made them.</summary>
public sealed record PredictionWeightAblationResult(RecommenderKind RecommenderKind, SaeSettings Baseline, ulong Seed, IReadOnlyList<PredictionWeightAblationRow> Rows);

/// <summary>
/// SPEC §4's ablation, which the paper calls "β ablation" (claims 4 and 5): one SAE per λ_pred, everything else as in the baseline setting. The paper's β
/// is λ_pred, the weight of the prediction-level loss; in code it is <see cref="SaeSettings.PredictionWeight"/>
/// everywhere, from this sweep through the SAE cache key and the trainer to <see cref="SaeLoss"/>.
/// </summary>
public static class PredictionWeightAblation
{
    /// <summary>The paper's grid λ_pred ∈ {0, 1, 2, 5, 10}.</summary>
    public static IReadOnlyList<double> PaperPredictionWeights { get; } = [0, 1, 2, 5, 10];

    /// <summary>Why <paramref name="predictionWeights"/> cannot be an ablation grid, or null when it can: at least three distinct finite λ_pred ≥ 0 (claims 4 and 5 compare the ends with what lies between), in ascending order.</summary>
    public static string? Problem(IReadOnlyList<double> predictionWeights)
    {
        ArgumentNullException.ThrowIfNull(predictionWeights);
        foreach (double w in predictionWeights)
        {
            if (!double.IsFinite(w) || w < 0)
            {
                return string.Create(CultureInfo.InvariantCulture, $"every λ_pred must be a finite number ≥ 0; got {w}.");
            }
        }
        for (int i = 1; i < predictionWeights.Count; i++)
        {
            if (predictionWeights[i] <= predictionWeights[i - 1])
            {
                return string.Create(CultureInfo.InvariantCulture, $"the λ_pred grid must be in ascending order without repeats; got {predictionWeights[i - 1]} before {predictionWeights[i]}.");
            }
        }
        return predictionWeights.Count < 3
            ? string.Create(CultureInfo.InvariantCulture, $"the λ_pred grid needs at least three values (claims 4 and 5 compare its ends with what lies between); got {predictionWeights.Count}.")
            : null;
    }

    /// <summary>The SAE settings of the grid: <paramref name="baseline"/> with each λ_pred, in the grid's order.</summary>
    public static IReadOnlyList<SaeSettings> Grid(SaeSettings baseline, IReadOnlyList<double> predictionWeights)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(predictionWeights);
        return [.. predictionWeights.Select(w => baseline with { PredictionWeight = w })];
    }

    /// <summary>
    /// The rows of the SAEs trained on <see cref="Grid"/> (<paramref name="saes"/>[i] with λ_pred
    /// <paramref name="predictionWeights"/>[i]): fidelity on the SAE-test users, health on all vectors and the
    /// monosemanticity score over items.
    /// </summary>
    public static PredictionWeightAblationResult Measure(ITwoTower model, Split split, SaeSettings baseline, IReadOnlyList<double> predictionWeights, ulong seed, IReadOnlyList<TiedSparseAutoencoder> saes)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(predictionWeights);
        ArgumentNullException.ThrowIfNull(saes);
        if (saes.Count != predictionWeights.Count)
        {
            throw new ArgumentException($"{saes.Count} SAEs for {predictionWeights.Count} λ_pred.", nameof(saes));
        }
        float[,] itemEmbeddings = SaeActivations.Matrix(model.ItemVectors);
        var rows = new List<PredictionWeightAblationRow>();
        foreach (var (predictionWeight, sae) in predictionWeights.Zip(saes))
        {
            var ms = MonosemanticityScore.Compute(SaeActivations.Items(sae, model), itemEmbeddings);
            rows.Add(new PredictionWeightAblationRow(predictionWeight, Fidelity.Measure(model, sae, split), SaeHealth.Measure(sae, model.UserVectors, model.ItemVectors), ms));
        }
        return new PredictionWeightAblationResult(model.Kind, baseline, seed, rows);
    }

    /// <summary>The whole ablation from <paramref name="source"/> (tests and benchmarks; the run trains its grid through its session).</summary>
    public static PredictionWeightAblationResult Run(ITwoTower model, Split split, SaeSettings baseline, IReadOnlyList<double> predictionWeights, ulong seed, SaeSweepSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Measure(model, split, baseline, predictionWeights, seed, source(Grid(baseline, predictionWeights), seed));
    }
}
