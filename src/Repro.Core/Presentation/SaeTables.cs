using System.Globalization;
using System.Text;
using Repro.Analysis;
using Repro.Experiments;
using Repro.SparseAutoencoders;

namespace Repro.Presentation;

/// <summary>The SAEs' tables (SPEC §4–§5): health and fidelity at the paper settings, the λ_pred ablation, and KL against Top-K.</summary>
public static class SaeTables
{
    /// <summary>The table: L0 (users, items), dead latents, FVU against a zero code, fidelity; then each row's settings.</summary>
    public static string ToMarkdown(this SaeHealthResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var t = new MarkdownTable("setting", "m", "L0 users", "L0 items", "dead latents", "dead rate", "FVU", "FVU of a zero code", "RBO", "RBO_ext", "Kendall τ", "test users", "health checks")
            .Tolerance("L0 users", Tolerances.L0).Tolerance("L0 items", Tolerances.L0).Tolerance("FVU", Tolerances.Fvu)
            .Tolerance("RBO", Tolerances.Rbo).Tolerance("RBO_ext", Tolerances.Rbo).Tolerance("Kendall τ", Tolerances.KendallTau);
        foreach (var r in result.Rows)
        {
            t.Add(Label(r.Setting), r.Health.Latents, r.Health.L0Users, r.Health.L0Items, r.Health.DeadLatents, r.Health.DeadRate, r.Health.Fvu, r.Health.ZeroCodeFvu,
                r.Fidelity.Rbo, r.Fidelity.RboExt, r.Fidelity.KendallTau, r.Fidelity.Users, r.Violations.Count == 0 ? "pass" : string.Join("; ", r.Violations));
        }
        var sb = new StringBuilder("# SAE health and fidelity at the paper settings\n\n");
        sb.Append("Health over all users and items; fidelity: top-30 of the original model vs top-30 with both sides reconstructed, on the SAE-test users (RBO truncated at p = 0.9: identical lists score 0.958). ");
        sb.Append(string.Create(CultureInfo.InvariantCulture,
            $"Each row names its training budget in optimiser steps. The suite trains the ML-1M NCF SAE for one of the notebooks' 18 epochs of aligned pairs ({SparseAutoencoders.SaeSettings.Ml1mNcfStepsPerEpoch:N0} steps, deviation D11); its second row trains 3 of the 18 ({3 * SparseAutoencoders.SaeSettings.Ml1mNcfStepsPerEpoch:N0} of ≈ {18 * SparseAutoencoders.SaeSettings.Ml1mNcfStepsPerEpoch:N0} steps) to show what a larger budget changes, not the notebooks' whole budget.")
            + (result.Rows.Any(r => r.Setting.Dataset == Data.DatasetName.LastFm) ? " " + DeviationsTable.LastFmNote + "." : "") + "\n\n");
        sb.Append(t).Append('\n');
        foreach (var r in result.Rows)
        {
            sb.Append("- ").Append(Label(r.Setting)).Append(": ").Append(r.Setting.Sae.Describe()).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>The λ_pred ablation table (λ_pred, RBO, RBO_ext, τ, MS, L0 users, L0 items, dead rate, FVU) under a settings header.</summary>
    public static string ToMarkdown(this PredictionWeightAblationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var table = new MarkdownTable("λ_pred", "RBO", "RBO_ext", "Kendall τ", "MS", "L0 users", "L0 items", "dead rate", "FVU")
            .Tolerance("RBO", Tolerances.Rbo).Tolerance("RBO_ext", Tolerances.Rbo).Tolerance("Kendall τ", Tolerances.KendallTau)
            .Tolerance("MS", Tolerances.Monosemanticity).Tolerance("L0 users", Tolerances.L0).Tolerance("L0 items", Tolerances.L0)
            .Tolerance("FVU", Tolerances.Fvu);
        foreach (var r in result.Rows)
        {
            table.Add(r.PredictionWeight, r.Fidelity.Rbo, r.Fidelity.RboExt, r.Fidelity.KendallTau, r.Monosemanticity.Mean, r.Health.L0Users, r.Health.L0Items, r.Health.DeadRate, r.Health.Fvu);
        }
        return string.Create(CultureInfo.InvariantCulture, $"λ_pred ablation, {result.RecommenderKind} — {result.Baseline.Describe()}, seed {result.Seed}\n\n") + table;
    }

    /// <summary>KL against Top-K: one row per seed and variant, then the means when there are several seeds.</summary>
    public static string ToMarkdown(this KlVersusTopKResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var table = new MarkdownTable("seed", "variant", "k", "L0 (all)", "dead rate", "FVU", "RBO", "RBO_ext", "Kendall τ")
            .Tolerance("L0 (all)", Tolerances.L0).Tolerance("FVU", Tolerances.Fvu)
            .Tolerance("RBO", Tolerances.Rbo).Tolerance("RBO_ext", Tolerances.Rbo).Tolerance("Kendall τ", Tolerances.KendallTau);
        void Add(string seed, string variant, string k, IEnumerable<(SaeHealthReport H, FidelityResult F)> xs)
        {
            var list = xs.ToList();
            table.Add(seed, variant, k, list.Average(x => x.H.L0), list.Average(x => x.H.DeadRate), list.Average(x => x.H.Fvu),
                list.Average(x => x.F.Rbo), list.Average(x => x.F.RboExt), list.Average(x => x.F.KendallTau));
        }
        foreach (var r in result.Rows)
        {
            string seed = r.Seed.ToString(CultureInfo.InvariantCulture);
            Add(seed, "KL", "", [(r.KlHealth, r.KlFidelity)]);
            Add(seed, "TopK", r.K.ToString(CultureInfo.InvariantCulture), [(r.TopKHealth, r.TopKFidelity)]);
        }
        if (result.Rows.Count > 1)
        {
            Add("mean", "KL", "", result.Rows.Select(r => (r.KlHealth, r.KlFidelity)));
            Add("mean", "TopK", "", result.Rows.Select(r => (r.TopKHealth, r.TopKFidelity)));
        }
        return string.Create(CultureInfo.InvariantCulture, $"KL versus Top-K at matched L0, {result.RecommenderKind} — {result.KlSettings.Describe()}\n\n") + table;
    }

    private static string Label(PaperSetting s) => string.Create(CultureInfo.InvariantCulture, $"{s.Label}, {s.Sae.Steps:N0} steps");
}
