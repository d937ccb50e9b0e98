using System.Text;
using Repro.Analysis;
using Repro.SparseAutoencoders;
using Repro.Presentation;

namespace Repro.Experiments;

/// <summary>Health and fidelity of one paper-setting SAE.</summary>
public sealed record SaeHealthRow(PaperSetting Setting, SaeHealthReport Health, FidelityResult Fidelity, IReadOnlyList<string> Violations);

/// <summary>SPEC §5 "SAE health" and "Fidelity" for every paper cell at its preset.</summary>
public sealed record SaeHealthResult(IReadOnlyList<SaeHealthRow> Rows)
{
    /// <summary>The table: L0 (users, items), dead latents, FVU against a zero code, fidelity.</summary>
    public string ToMarkdown()
    {
        var t = new MarkdownTable("setting", "m", "L0 users", "L0 items", "dead latents", "dead rate", "FVU", "FVU of a zero code", "RBO", "RBO_ext", "Kendall τ", "test users", "health checks")
            .Tolerance("L0 users", Tolerances.L0).Tolerance("L0 items", Tolerances.L0).Tolerance("FVU", Tolerances.Fvu)
            .Tolerance("RBO", Tolerances.Rbo).Tolerance("RBO_ext", Tolerances.Rbo).Tolerance("Kendall τ", Tolerances.KendallTau);
        foreach (var r in Rows)
        {
            t.Add(Label(r.Setting), r.Health.Latents, r.Health.L0Users, r.Health.L0Items, r.Health.DeadLatents, r.Health.DeadRate, r.Health.Fvu, r.Health.ZeroCodeFvu,
                r.Fidelity.Rbo, r.Fidelity.RboExt, r.Fidelity.KendallTau, r.Fidelity.Users, r.Violations.Count == 0 ? "pass" : string.Join("; ", r.Violations));
        }
        var sb = new StringBuilder("# SAE health and fidelity at the paper settings\n\n");
        sb.Append("Health over all users and items; fidelity: top-30 of the original model vs top-30 with both sides reconstructed, on the SAE-test users (RBO truncated at p = 0.9: identical lists score 0.958). ");
        sb.Append("Each row names its training budget in optimiser steps; a second row for a cell shows the notebooks' whole budget where the suite trains less (deviation D11).\n\n");
        sb.Append(t).Append('\n');
        foreach (var r in Rows)
        {
            sb.Append("- ").Append(Label(r.Setting)).Append(": ").Append(r.Setting.Sae.Describe()).Append('\n');
        }
        return sb.ToString();
    }

    private static string Label(PaperSetting s) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{s.Label}, {s.Sae.Steps:N0} steps");
}

/// <summary>Measures the paper-setting SAE of each cell.</summary>
public static class SaeHealthExperiment
{
    /// <summary>Runs the measurements for the given cells.</summary>
    public static SaeHealthResult Run(ReproductionSession session, IEnumerable<PaperSetting> settings)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(settings);
        var rows = new List<SaeHealthRow>();
        foreach (var s in settings)
        {
            var model = session.Model(s);
            var sae = session.Sae(s, s.Sae, session.Options.Seed);
            var health = SaeHealth.Measure(sae, model.UserVectors, model.ItemVectors);
            rows.Add(new SaeHealthRow(s, health, Fidelity.Measure(model, sae, session.Split(s.Dataset)), SaeHealthChecks.Violations(health)));
            session.Progress.Info($"SAE health: {s.Label} done");
        }
        return new SaeHealthResult(rows);
    }
}
