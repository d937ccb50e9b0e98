using Repro.Analysis;
using Repro.Data;
using Repro.Recommenders;
using Repro.SparseAutoencoders;

namespace Repro.Experiments;

/// <summary>One λ_pred value of the β ablation: fidelity and health of the SAE trained with it.</summary>
public sealed record BetaAblationRow(double Beta, FidelityResult Fidelity, SaeHealthReport Health, MonosemanticityResult Monosemanticity);

/// <summary>The β ablation's rows and the settings that made them.</summary>
public sealed record BetaAblationResult(RecommenderKind RecommenderKind, SaeSettings Baseline, ulong Seed, IReadOnlyList<BetaAblationRow> Rows);

/// <summary>SPEC §4 "β ablation" (claim 4): one SAE per λ_pred, everything else as in the baseline setting.</summary>
public static class BetaAblation
{
    /// <summary>The paper's grid λ_pred ∈ {0, 1, 2, 5, 10}.</summary>
    public static IReadOnlyList<double> PaperBetas { get; } = [0, 1, 2, 5, 10];

    /// <summary>
    /// One SAE per β from <paramref name="source"/> (same seed), with fidelity on the SAE-test users, health on all
    /// vectors and the monosemanticity score over items.
    /// </summary>
    public static BetaAblationResult Run(ITwoTower model, Split split, SaeSettings baseline, IReadOnlyList<double> betas, ulong seed, SaeSource source)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(betas);
        ArgumentNullException.ThrowIfNull(source);
        float[,] itemEmbeddings = SaeActivations.Matrix(model.ItemVectors);
        var rows = new List<BetaAblationRow>();
        foreach (double beta in betas)
        {
            var sae = source(baseline with { PredictionWeight = beta }, seed);
            var ms = MonosemanticityScore.Compute(SaeActivations.Items(sae, model), itemEmbeddings);
            rows.Add(new BetaAblationRow(beta, Fidelity.Measure(model, sae, split), SaeHealth.Measure(sae, model.UserVectors, model.ItemVectors), ms));
        }
        return new BetaAblationResult(model.Kind, baseline, seed, rows);
    }
}
