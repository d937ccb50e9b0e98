using System.Globalization;
using System.Text;
using Repro.Experiments;
using Repro.Interventions;
using Repro.Orchestration;
using Repro.Presentation;

namespace Repro.Cli.Report;

/// <summary>
/// How the headline numbers move with the seed: mean ± sd over the seeds of every headline number (accuracy, SAE
/// health and fidelity, the λ_pred ablation's ends, the popularity and era neurons, KL versus Top-K, the Matryoshka bands,
/// every intervention's Orig and last value), and per concept how many seeds find a neuron with purity@20 ≥
/// <see cref="PureThreshold"/> and its purity@10. Every seed runs every experiment; the other sections show the first.
/// </summary>
internal static class SeedVariation
{
    /// <summary>purity@20 at which a concept counts as found by a seed.</summary>
    public const double PureThreshold = 0.8;

    /// <summary>The section's body; <paramref name="runs"/> are (seed, results), the primary first.</summary>
    public static string ToMarkdown(IReadOnlyList<(ulong Seed, PaperResults Results)> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count < 2)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"One seed ({runs[0].Seed}) was run. `repro reproduce --seeds N` repeats every experiment over seeds {runs[0].Seed}…{runs[0].Seed}+N−1, rules the claims ledger over them and reports mean ± sd here.\n");
        }
        var first = runs[0].Results;
        string seeds = string.Join(", ", runs.Select(r => r.Seed.ToString(CultureInfo.InvariantCulture)));
        var t = new MarkdownTable("quantity", "per seed (" + seeds + ")", "mean ± sd");
        void Add(string name, IEnumerable<double> xs)
        {
            double[] v = [.. xs];
            t.Add(name, string.Join(", ", v.Select(x => MarkdownTable.Number(x))), MeanSd(v));
        }
        foreach (var row in first.Accuracy().Rows.Where(r => r.Model != "popularity"))
        {
            Add($"{row.Dataset} {row.Model} HR@10", runs.Select(r => r.Results.Accuracy().Rows.Single(x => x.Dataset == row.Dataset && x.Model == row.Model).Accuracy.HitRate));
            Add($"{row.Dataset} {row.Model} NDCG@10", runs.Select(r => r.Results.Accuracy().Rows.Single(x => x.Dataset == row.Dataset && x.Model == row.Model).Accuracy.Ndcg));
        }
        foreach (var cell in first.Cells)
        {
            SaeHealthRow H(PaperResults r) => r.SaeHealth().Rows.Single(x => x.Setting == cell);
            Add($"{cell.Label} SAE dead rate", runs.Select(r => H(r.Results).Health.DeadRate));
            Add($"{cell.Label} SAE FVU", runs.Select(r => H(r.Results).Health.Fvu));
            Add($"{cell.Label} SAE RBO", runs.Select(r => H(r.Results).Fidelity.Rbo));
            Add($"{cell.Label} SAE Kendall τ", runs.Select(r => H(r.Results).Fidelity.KendallTau));
            var grid = first.Session.Options.PredictionWeights;
            foreach (double predictionWeight in new[] { grid[0], grid[^1] })
            {
                PredictionWeightAblationRow A(PaperResults r) => r.Ablation(cell).Rows.Single(x => x.PredictionWeight == predictionWeight);
                string b = predictionWeight.ToString(CultureInfo.InvariantCulture);
                Add($"{cell.Label} λ_pred ablation RBO at λ_pred = {b}", runs.Select(r => A(r.Results).Fidelity.Rbo));
                Add($"{cell.Label} λ_pred ablation MS at λ_pred = {b}", runs.Select(r => A(r.Results).Monosemanticity.Mean));
            }
            Add($"{cell.Label} λ_pred with the highest MS", runs.Select(r => r.Results.Ablation(cell).Rows.MaxBy(x => x.Monosemanticity.Mean)!.PredictionWeight));
            Add($"{cell.Label} popularity neuron, top-K mean rank share", runs.Select(r => r.Results.Concepts(cell).Report.Popularity.MeanRankShare));
            if (first.Concepts(cell).Report.Era is not null)
            {
                Add($"{cell.Label} golden-age neuron, share of its top 200 before 1970", runs.Select(r => r.Results.Concepts(cell).Report.Era!.GoldenAgeShare));
            }
            // Series are matched by concept, not position: which genres get a suppression grid depends on the seed's purity.
            foreach (var s in first.Interventions(cell).Suppressions)
            {
                string concept = s.Target.Concept;
                InterventionRow? Of(PaperResults r) => r.Interventions(cell).Suppressions.FirstOrDefault(x => x.Target.Concept == concept)?.Target;
                Add($"{cell.Label} suppress {concept}: Orig", runs.Select(r => Of(r.Results)?.Orig ?? double.NaN));
                Add($"{cell.Label} suppress {concept}: v = {s.Grid[^1].ToString(CultureInfo.InvariantCulture)}", runs.Select(r => Of(r.Results)?.Values[^1] ?? double.NaN));
            }
            foreach (var (audience, n) in first.Interventions(cell).Nudges)
            {
                string concept = n.Target.Concept;
                InterventionRow? Of(PaperResults r) => r.Interventions(cell).Nudges.FirstOrDefault(x => x.Audience == audience && x.Result.Target.Concept == concept).Result?.Target;
                Add($"{cell.Label} nudge {audience} to {concept}: Orig", runs.Select(r => Of(r.Results)?.Orig ?? double.NaN));
                Add($"{cell.Label} nudge {audience} to {concept}: v = {n.Grid[^1].ToString(CultureInfo.InvariantCulture)}", runs.Select(r => Of(r.Results)?.Values[^1] ?? double.NaN));
            }
            foreach (var p in first.Interventions(cell).Promotions)
            {
                int v4 = p.Grid.ToList().IndexOf(4);
                if (v4 < 0)
                {
                    continue;
                }
                double Exposure(PaperResults r) => r.Interventions(cell).Promotions.FirstOrDefault(x => x.Concept == p.Concept) is { Items.Count: > 0 } q
                    ? q.Items[0].Exposure.Values[v4] : double.NaN;
                Add($"{cell.Label} promote to {p.Concept} fans: exposure at v = 4", runs.Select(r => Exposure(r.Results)));
            }
        }
        foreach (var (cell, width) in first.KlTopKComparisons)
        {
            string label = string.Create(CultureInfo.InvariantCulture, $"{cell.Label} m = {cell.Sae.Latents * width}");
            Add($"{label} KL dead rate", runs.Select(r => r.Results.KlVersusTopK(cell, width).Rows.Average(x => x.KlHealth.DeadRate)));
            Add($"{label} Top-K dead rate", runs.Select(r => r.Results.KlVersusTopK(cell, width).Rows.Average(x => x.TopKHealth.DeadRate)));
        }
        foreach (var cell in first.HierarchyCells)
        {
            Add($"{cell.Label} Matryoshka first band: activation frequency", runs.Select(r => r.Results.Hierarchy(cell).Result.First.ActivationFrequency));
            Add($"{cell.Label} Matryoshka last band: activation frequency", runs.Select(r => r.Results.Hierarchy(cell).Result.Last.ActivationFrequency));
            Add($"{cell.Label} Matryoshka first band: concept entropy (bits)", runs.Select(r => r.Results.Hierarchy(cell).Result.First.ConceptEntropyBits));
            Add($"{cell.Label} Matryoshka last band: concept entropy (bits)", runs.Select(r => r.Results.Hierarchy(cell).Result.Last.ConceptEntropyBits));
        }
        var sb = new StringBuilder();
        sb.Append(string.Create(CultureInfo.InvariantCulture, $"{runs.Count} seeds ({seeds}); sd is the sample standard deviation. Every seed ran every experiment; the other sections show seed {runs[0].Seed}, the claims ledger rules over all.\n\n"));
        sb.Append(t).Append('\n');
        foreach (var cell in first.Cells)
        {
            string kind = InterventionExperiment.ConceptKindFor(first.Session.Data(cell.Dataset));
            var rows = first.Concepts(cell).Report.PurityOf(kind).Rows;
            var c = new MarkdownTable(kind, $"seeds with a neuron at purity@20 ≥ {PureThreshold.ToString(CultureInfo.InvariantCulture)}", "best purity@20, mean ± sd", "its purity@10, mean ± sd");
            foreach (var row in rows)
            {
                var per = runs.Select(r => r.Results.Concepts(cell).Report.PurityOf(kind).Rows.Single(x => x.Concept == row.Concept)).ToArray();
                double[] best = [.. per.Select(x => x.PurityAt20)];
                c.Add(row.Name, string.Create(CultureInfo.InvariantCulture, $"{best.Count(p => p >= PureThreshold)}/{runs.Count}"), MeanSd(best), MeanSd([.. per.Select(x => x.PurityAt10)]));
            }
            sb.Append("\n### ").Append(cell.Label).Append(": concepts found per seed\n\n").Append(c);
        }
        return sb.ToString();
    }

    private static string MeanSd(double[] v)
    {
        double[] f = [.. v.Where(double.IsFinite)];
        if (f.Length == 0)
        {
            return "n/a";
        }
        double mean = f.Average();
        double sd = f.Length < 2 ? 0 : Math.Sqrt(f.Sum(x => (x - mean) * (x - mean)) / (f.Length - 1));
        return MarkdownTable.Number(mean) + " ± " + MarkdownTable.Number(sd);
    }
}
