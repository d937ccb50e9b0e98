using Repro.Analysis;
using Repro.Data;
using Repro.Recommenders;
using Repro.SparseAutoencoders;

namespace Repro.Experiments;

/// <summary>One λ_pred (<see cref="SaeSettings.PredictionWeight"/>) of the ablation the paper calls "β ablation": fidelity and health of the SAE trained with it.</summary>
public sealed record PredictionWeightAblationRow(double PredictionWeight, FidelityResult Fidelity, SaeHealthReport Health, MonosemanticityResult Monosemanticity);

/// <summary>The β ablation's rows and the settings that made them.</summary>
public sealed record PredictionWeightAblationResult(RecommenderKind RecommenderKind, SaeSettings Baseline, ulong Seed, IReadOnlyList<PredictionWeightAblationRow> Rows);

/// <summary>
/// SPEC §4 "β ablation" (claims 4 and 5): one SAE per λ_pred, everything else as in the baseline setting. The paper's β
/// is λ_pred, the weight of the prediction-level loss; in code it is <see cref="SaeSettings.PredictionWeight"/>
/// everywhere, from this sweep through the SAE cache key and the trainer to <see cref="SaeLoss"/>.
/// </summary>
public static class PredictionWeightAblation
{
    /// <summary>The paper's grid λ_pred ∈ {0, 1, 2, 5, 10}.</summary>
    public static IReadOnlyList<double> PaperPredictionWeights { get; } = [0, 1, 2, 5, 10];

    /// <summary>
    /// One SAE per λ_pred, all from <paramref name="source"/> as one sweep (same seed, so the same initial weights and
    /// batches), with fidelity on the SAE-test users, health on all vectors and the monosemanticity score over items.
    /// </summary>
    public static PredictionWeightAblationResult Run(ITwoTower model, Split split, SaeSettings baseline, IReadOnlyList<double> predictionWeights, ulong seed, SaeSweepSource source)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(predictionWeights);
        ArgumentNullException.ThrowIfNull(source);
        float[,] itemEmbeddings = SaeActivations.Matrix(model.ItemVectors);
        var saes = source([.. predictionWeights.Select(w => baseline with { PredictionWeight = w })], seed);
        var rows = new List<PredictionWeightAblationRow>();
        foreach (var (predictionWeight, sae) in predictionWeights.Zip(saes))
        {
            var ms = MonosemanticityScore.Compute(SaeActivations.Items(sae, model), itemEmbeddings);
            rows.Add(new PredictionWeightAblationRow(predictionWeight, Fidelity.Measure(model, sae, split), SaeHealth.Measure(sae, model.UserVectors, model.ItemVectors), ms));
        }
        return new PredictionWeightAblationResult(model.Kind, baseline, seed, rows);
    }
}
