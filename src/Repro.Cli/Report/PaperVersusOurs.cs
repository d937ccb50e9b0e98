using System.Globalization;
using System.Text;
using Repro.Experiments;
using Repro.Interventions;
using Repro.Orchestration;
using Repro.Presentation;

namespace Repro.Cli.Report;

/// <summary>
/// The report's paper-versus-ours tables: the original's reported numbers (PaperAblationNumbers, PaperNumbers) beside
/// ours on ML-1M, every paper column labelled as such.
/// </summary>
internal static class PaperVersusOurs
{
    /// <summary>The section's body.</summary>
    public static string ToMarkdown(PaperResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var sb = new StringBuilder();
        sb.Append("The original's numbers come from ").Append(PaperAblationNumbers.Source).Append(". ");
        sb.Append("Its setup differs from ours where the deviations table says so: these are reference points, not targets.\n");
        var ml = results.Cells.Where(c => c.Dataset == PaperAblationNumbers.Dataset).ToList();
        if (ml.Count == 0)
        {
            sb.Append("\nThis run has no ML-1M cell, so no comparison applies. The paper's ML-1M λ_pred (\"β\") ablation, for reference (**the paper's numbers, not measured here**):\n\n");
            var t = new MarkdownTable("λ_pred", "RBO MF (paper)", "τ MF (paper)", "MS MF (paper)", "RBO NCF (paper)", "τ NCF (paper)", "MS NCF (paper)");
            foreach (var p in PaperAblationNumbers.Ml1m)
            {
                t.Add(p.PredictionWeight, p.RboMf, p.KendallTauMf, p.MonosemanticityMf, p.RboNcf, p.KendallTauNcf, p.MonosemanticityNcf);
            }
            return sb.Append(t).ToString();
        }
        foreach (var cell in ml)
        {
            var ours = results.Ablation(cell);
            sb.Append("\n### λ_pred ablation, ").Append(cell.Label).Append("\n\n");
            var t = new MarkdownTable("λ_pred", "RBO (paper)", "RBO (ours)", "Kendall τ (paper)", "Kendall τ (ours)", "MS (paper)", "MS (ours)");
            foreach (var p in PaperAblationNumbers.Ml1m)
            {
                var o = ours.Rows.FirstOrDefault(x => x.PredictionWeight == p.PredictionWeight);
                t.Add(p.PredictionWeight, p.Rbo(cell.Model), O(o?.Fidelity.Rbo), p.KendallTau(cell.Model), O(o?.Fidelity.KendallTau), p.Monosemanticity(cell.Model), O(o?.Monosemanticity.Mean));
            }
            sb.Append(t);
            if (cell.Model == Repro.Recommenders.RecommenderKind.NCF)
            {
                var (rbo, tau) = PaperAblationNumbers.Ml1mNcfSeparateRunAt10;
                sb.Append(string.Create(CultureInfo.InvariantCulture, $"\nThe original also printed a separate ML-1M NCF run at λ_pred = 10: RBO {rbo}, τ {tau}.\n"));
            }
        }

        sb.Append("\n### Active latents per vector (ML-1M, m = 22)\n\n");
        var act = new MarkdownTable("model", "users (paper)", "users (ours)", "items (paper)", "items (ours)");
        var health = results.SaeHealth();
        foreach (var cell in ml)
        {
            var h = health.Rows.Single(x => x.Setting == cell).Health;
            var (pu, pi) = PaperAblationNumbers.Ml1mActiveLatents(cell.Model);
            act.Add(cell.Label, pu is double u ? MarkdownTable.Number(u) : "not reported", h.L0Users, pi, h.L0Items);
        }
        sb.Append(act);

        sb.Append("\n### Interventions (ML-1M, share of the concept in the top 30; promotion: exposure)\n\n");
        var iv = new MarkdownTable("intervention", "v", "Orig (paper)", "Orig (ours)", "by v (paper)", "by v (ours)");
        foreach (var cell in ml)
        {
            var r = results.Interventions(cell);
            var measured = new List<(string Kind, string Concept, IReadOnlyList<double> Grid, InterventionRow Row)>();
            measured.AddRange(r.Suppressions.Select(s => ("suppress", s.Target.Concept, s.Grid, s.Target)));
            measured.AddRange(r.Nudges.Select(n => ("nudge", n.Result.Target.Concept, n.Result.Grid, n.Result.Target)));
            measured.AddRange(r.Promotions.SelectMany(p => p.Items.Where(i => i.Source == "given").Select(i => ("promote", p.Concept, p.Grid, i.Exposure))));
            foreach (var (kind, concept, grid, row) in measured)
            {
                if (InterventionExperiment.Paper(cell, kind, concept) is not PaperSeries p)
                {
                    continue;
                }
                iv.Add($"{cell.Label}: {kind} {p.Concept}", string.Join(", ", grid.Select(v => v.ToString("0.##", CultureInfo.InvariantCulture))),
                    p.Orig, row.Orig,
                    string.Join(", ", grid.Select(v => p.Grid.ToList().FindIndex(g => Math.Abs(g - v) < 1e-9) is int k and >= 0 && p.Values[k] is double x ? MarkdownTable.Fixed(x) : "–")),
                    string.Join(", ", row.Values.Select(x => MarkdownTable.Fixed(x))));
            }
        }
        sb.Append(iv.RowCount > 0 ? iv.ToString() : "No intervention of this run has a paper series.\n");
        return sb.ToString();
    }

    private static string O(double? x) => x is double v ? MarkdownTable.Number(v) : "not run";
}
