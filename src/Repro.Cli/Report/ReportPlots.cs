using Repro.Analysis;
using Repro.Experiments;
using Repro.Interventions;
using Repro.Presentation;

namespace Repro.Cli.Report;

/// <summary>Turns results into the report's PNGs; each method returns the image's path relative to the report.</summary>
internal sealed class ReportPlots(string outputDirectory)
{
    /// <summary>The plots' folder under the report.</summary>
    public const string Folder = "plots";

    /// <summary>Most dose-response lines in one suppression chart (the table has every concept).</summary>
    public const int MaxSuppressionLines = 8;

    /// <summary>Deletes the PNGs a previous run left in the plots folder (only those: the folder is ours).</summary>
    public void Clear()
    {
        string dir = Path.Combine(outputDirectory, Folder);
        if (Directory.Exists(dir))
        {
            foreach (string f in Directory.EnumerateFiles(dir, "*.png"))
            {
                File.Delete(f);
            }
        }
    }

    /// <summary>RBO, τ and MS against λ_pred (a tick at each λ_pred of the run's grid); on ML-1M the paper's curves dashed in the same colours.</summary>
    public string PredictionWeightCurves(PaperSetting cell, PredictionWeightAblationResult result)
    {
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(result);
        double[] x = [.. result.Rows.Select(r => r.PredictionWeight)];
        var series = new List<Series>
        {
            new("RBO (ours)", x, [.. result.Rows.Select(r => r.Fidelity.Rbo)], Color: 0),
            new("Kendall τ (ours)", x, [.. result.Rows.Select(r => r.Fidelity.KendallTau)], Color: 1),
            new("MS (ours)", x, [.. result.Rows.Select(r => r.Monosemanticity.Mean)], Color: 2),
        };
        if (cell.Dataset == PaperAblationNumbers.Dataset)
        {
            double[] px = [.. PaperAblationNumbers.Ml1m.Select(r => r.PredictionWeight)];
            series.Add(new("RBO (paper)", px, [.. PaperAblationNumbers.Ml1m.Select(r => r.Rbo(cell.Model))], Dashed: true, Color: 0));
            series.Add(new("Kendall τ (paper)", px, [.. PaperAblationNumbers.Ml1m.Select(r => r.KendallTau(cell.Model))], Dashed: true, Color: 1));
            series.Add(new("MS (paper)", px, [.. PaperAblationNumbers.Ml1m.Select(r => r.Monosemanticity(cell.Model))], Dashed: true, Color: 2));
        }
        string rel = Rel($"prediction-weight-{MarkdownText.Slug(cell.Label)}.png");
        Plots.Lines(Abs(rel), $"λ_pred ablation, {cell.Label}", "λ_pred", "score", series, x);
        return rel;
    }

    /// <summary>Concept × neuron purity@20 of a cell's paper SAE, each concept's best neuron circled.</summary>
    public string Purity(PaperSetting cell, ConceptResult concepts, Repro.Data.ConceptTable table)
    {
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(concepts);
        ArgumentNullException.ThrowIfNull(table);
        double[,] byNeuron = ConceptPurity.Matrix(concepts.ItemActivations, table, ConceptPurity.SelectionDepth);
        int neurons = byNeuron.GetLength(0), count = byNeuron.GetLength(1);
        var values = new double[count, neurons];
        for (int j = 0; j < neurons; j++)
        {
            for (int c = 0; c < count; c++)
            {
                values[c, j] = byNeuron[j, c];
            }
        }
        var best = concepts.Report.PurityOf(table.Kind).Rows.Where(r => r.BestNeuron >= 0).Select(r => (r.Concept, r.BestNeuron)).ToList();
        string rel = Rel($"purity-{MarkdownText.Slug(cell.Label)}.png");
        Plots.Heatmap(Abs(rel), $"purity@20, {cell.Label} (○ chosen neuron, grey: dead)", values, table.Names, "neuron", "purity@20", best);
        return rel;
    }

    /// <summary>Share of users and items on which each latent of a paper SAE is active.</summary>
    public string Frequency(SaeHealthRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        string rel = Rel($"frequency-{MarkdownText.Slug(row.Setting.Label)}.png");
        Plots.LatentFrequency(Abs(rel), $"Latent activation frequency, {row.Setting.Label} (m = {row.Health.Latents}, dead: {row.Health.DeadLatents})", row.Health.ActivationFrequency);
        return rel;
    }

    /// <summary>
    /// Dose-response of every suppression of a cell under <paramref name="protocol"/>: target share against v; "edit only"
    /// with the unedited model dotted and the paper's dashed, another protocol with its no-edit baseline dotted. Null when
    /// no grid has that protocol.
    /// </summary>
    public string? Suppressions(InterventionResult iv, InterventionProtocol protocol = InterventionProtocol.EditOnly)
    {
        ArgumentNullException.ThrowIfNull(iv);
        var grids = iv.Suppressions.Select(s => (s, Row: RowOf(protocol, s.Target, s.OtherProtocols))).Where(x => x.Row is not null).Take(MaxSuppressionLines).ToList();
        if (grids.Count == 0)
        {
            return null;
        }
        var series = new List<Series>();
        int k = 0;
        foreach (var (s, row) in grids)
        {
            series.Add(Line($"{s.Target.Concept}, latent {s.Target.Latent}", s.Grid, row!, protocol, k));
            if (protocol == InterventionProtocol.EditOnly && InterventionExperiment.Paper(iv.Setting, "suppress", s.Target.Concept) is PaperSeries p)
            {
                series.Add(PaperLine(p, k));
            }
            k++;
        }
        string rel = Rel($"suppression-{Suffix(protocol)}{MarkdownText.Slug(iv.Setting.Label)}.png");
        Plots.Lines(Abs(rel), $"Suppression, {iv.Setting.Label} ({protocol.Label()})", "latent value v", "share of the concept in the top 30", series);
        return rel;
    }

    /// <summary>Dose-response of every nudge of a cell under <paramref name="protocol"/> (as <see cref="Suppressions"/>).</summary>
    public string? Nudges(InterventionResult iv, InterventionProtocol protocol = InterventionProtocol.EditOnly)
    {
        ArgumentNullException.ThrowIfNull(iv);
        var grids = iv.Nudges.Select(n => (n.Audience, n.Result, Row: RowOf(protocol, n.Result.Target, n.Result.OtherProtocols))).Where(x => x.Row is not null).ToList();
        if (grids.Count == 0)
        {
            return null;
        }
        var series = new List<Series>();
        int k = 0;
        foreach (var (audience, n, row) in grids)
        {
            series.Add(Line($"{audience} → {n.Target.Concept}, latent {n.Target.Latent}", n.Grid, row!, protocol, k));
            if (protocol == InterventionProtocol.EditOnly && InterventionExperiment.Paper(iv.Setting, "nudge", n.Target.Concept) is PaperSeries p)
            {
                series.Add(PaperLine(p, k));
            }
            k++;
        }
        string rel = Rel($"nudging-{Suffix(protocol)}{MarkdownText.Slug(iv.Setting.Label)}.png");
        Plots.Lines(Abs(rel), $"Nudging, {iv.Setting.Label} ({protocol.Label()})", "latent value v", "share of the concept in the top 30", series);
        return rel;
    }

    /// <summary>Exposure of every promoted item of a cell under <paramref name="protocol"/>.</summary>
    public string? Promotions(InterventionResult iv, InterventionProtocol protocol = InterventionProtocol.EditOnly)
    {
        ArgumentNullException.ThrowIfNull(iv);
        var rows = iv.Promotions.SelectMany(p => p.Items.Select(i => (p, i, Row: RowOf(protocol, i.Exposure, i.OtherProtocols)))).Where(x => x.Row is not null).ToList();
        if (rows.Count == 0)
        {
            return null;
        }
        var series = new List<Series>();
        int k = 0;
        foreach (var (p, item, row) in rows)
        {
            series.Add(new($"{Short(item.Label)} → {p.Concept} fans ({item.Source}, latent {row!.Latent})", [.. p.Grid], [.. row.Values], Color: k));
            if (protocol == InterventionProtocol.EditOnly && item.Source == "given" && InterventionExperiment.Paper(iv.Setting, "promote", p.Concept) is PaperSeries ps)
            {
                series.Add(PaperLine(ps, k));
            }
            k++;
        }
        string rel = Rel($"promotion-{Suffix(protocol)}{MarkdownText.Slug(iv.Setting.Label)}.png");
        Plots.Lines(Abs(rel), $"Item promotion, {iv.Setting.Label} ({protocol.Label()})", "latent value v", "exposure (share of eligible fans with it in their top 30)", series);
        return rel;
    }

    // The row of a protocol among a grid's rows (its target under "edit only" and its other protocols), or null.
    private static InterventionRow? RowOf(InterventionProtocol protocol, InterventionRow target, IReadOnlyList<InterventionRow> others) =>
        target.Protocol == protocol ? target : others.FirstOrDefault(r => r.Protocol == protocol);

    // "edit only": the dotted reference is the unedited model (Orig); another protocol's is its own no-edit baseline.
    private static Series Line(string name, IReadOnlyList<double> grid, InterventionRow row, InterventionProtocol protocol, int color) =>
        protocol == InterventionProtocol.EditOnly
            ? new($"{name} (Orig {F(row.Orig)})", [.. grid], [.. row.Values], Color: color, Reference: row.Orig)
            : new($"{name} (no edit {F(row.NoEdit)})", [.. grid], [.. row.Values], Color: color, Reference: row.NoEdit);

    private static string Suffix(InterventionProtocol protocol) => protocol == InterventionProtocol.EditOnly ? "" : "notebook-";

    /// <summary>The Matryoshka bands side by side, every measure scaled to [0, 1].</summary>
    public string Bands(HierarchyResult h, int itemCount, int conceptCount)
    {
        ArgumentNullException.ThrowIfNull(h);
        string[] measures =
        [
            "activation frequency",
            $"mean popularity rank of the top {h.Result.PopularityK} items, as a share of the catalogue (low = popular)",
            $"concept entropy of the top {h.Result.ConceptK} items / log2({conceptCount}) (low = specific)",
            "best purity@20",
            "FVU when decoding with the prefix that ends with this band",
        ];
        double maxEntropy = Math.Log2(Math.Max(2, conceptCount));
        var groups = h.Result.Bands.Select(b => new BarGroup($"{b.Name}\nneurons {b.Start}-{b.End - 1}",
            [b.ActivationFrequency, b.MeanPopularityRank / itemCount, b.ConceptEntropyBits / maxEntropy, b.BestPurityAt20, b.PrefixFvu])).ToList();
        string rel = Rel($"matryoshka-{MarkdownText.Slug(h.Setting.Label)}.png");
        Plots.GroupedBars(Abs(rel), $"Matryoshka bands, {h.Setting.Label} (m = {h.Sae.Latents})", "scaled value", measures, groups);
        return rel;
    }

    private static Series PaperLine(PaperSeries p, int color) =>
        new($"paper: {Short(p.Concept)} (Orig {F(p.Orig)})", [.. p.Grid], [.. p.Values.Select(v => v ?? double.NaN)], Dashed: true, Color: color);

    private static string Short(string label) => label.Length <= 40 ? label : label[..39] + "…";

    private static string F(double x) => MarkdownTable.Fixed(x);

    private static string Rel(string file) => Folder + "/" + file;

    private string Abs(string rel) => Path.Combine(outputDirectory, rel);
}
