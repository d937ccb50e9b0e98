using System.Globalization;
using System.Text;
using Repro.Claims;
using Repro.Experiments;
using Repro.Interventions;

namespace Repro.Presentation;

/// <summary>
/// The intervention experiments' dose-response tables (SPEC §6): for every grid the latent it edits and why (D14), with
/// that latent's purity and its activation where it is edited; the share under each protocol beside its no-edit baseline
/// (D15); the paper's numbers beside ours when given; the control of a user-side edit; the side effects.
/// </summary>
public static class InterventionTables
{
    /// <summary>The table: target rows (one per protocol), the paper's row when given, then the other concepts.</summary>
    public static string ToMarkdown(this SuppressionResult result, PaperSeries? paper = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Table($"Suppression, {result.ModelKind}: {result.Target.Concept} (latent {result.Target.Latent}), audience {result.Target.AudienceSize}", result.Grid, [result.Target, .. result.OtherProtocols], paper)
            + "\n" + Table("Side effect: share of the other concepts in the same lists (edit only)", result.Grid, result.OtherConcepts, null);
    }

    /// <summary>The table: our rows (one per protocol) and the paper's when given.</summary>
    public static string ToMarkdown(this NudgingResult result, PaperSeries? paper = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Table($"Nudging, {result.ModelKind}: toward {result.Target.Concept} (latent {result.Target.Latent}), audience {result.Target.AudienceSize}", result.Grid, [result.Target, .. result.OtherProtocols], paper);
    }

    /// <summary>Exposure rows (per item and protocol; the paper's when given), then the side-effect rows.</summary>
    public static string ToMarkdown(this PromotionResult result, PaperSeries? paper = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        string exposure = Table($"Item promotion, {result.ModelKind}: exposure to {result.Concept} fans, audience {result.Audience.Count}", result.Grid,
            result.Items.SelectMany(i => (IEnumerable<InterventionRow>)[i.Exposure, .. i.OtherProtocols]), paper);
        string side = result.SideEffectSample.Count == 0
            ? "#### Side effect\n\nNot measured: no SAE-test user is outside the audience.\n"
            : Table($"Side effect: RBO_ext of the top 30 of {result.SideEffectSample.Count} users outside the audience (edit only)", result.Grid, result.Items.Select(i => i.SideEffectRbo), null);
        return exposure + "\n" + side;
    }

    /// <summary>One line for beside a dose-response grid.</summary>
    public static string Describe(this NeuronScale scale)
    {
        ArgumentNullException.ThrowIfNull(scale);
        return string.Create(CultureInfo.InvariantCulture,
            $"Neuron {scale.Latent}'s activation over {scale.Over}: median {MarkdownTable.Number(scale.Median)}, 95th percentile {MarkdownTable.Number(scale.P95)} (v is absolute, on this scale).");
    }

    /// <summary>
    /// Which latent a grid edits (D14): the item-purity pick and, where it is silent on the audience, the latent edited
    /// instead, each with its purity@10/20 for the concept and its median and 95th-percentile activation where the edit
    /// happens; then a sentence saying which was edited and why.
    /// </summary>
    public static string ToMarkdown(this LatentChoice choice)
    {
        ArgumentNullException.ThrowIfNull(choice);
        string over = choice.Latents.Count > 0 ? choice.Latents[0].Scale.Over : "the audience";
        var table = new MarkdownTable("latent", "role", $"{choice.Concept} purity@10", $"{choice.Concept} purity@20", $"median over {over}", "95th percentile");
        var rows = new List<(LatentCandidate Latent, string Role)>();
        if (choice.Pick is LatentCandidate pick)
        {
            rows.Add((pick, pick.Latent == choice.Latent ? "item-purity pick, edited"
                : choice.Side == EditSide.Users ? "item-purity pick, silent on the audience: not edited" : "item-purity pick"));
        }
        if (choice.Chosen is LatentCandidate chosen && chosen.Latent != choice.ItemPurityPick)
        {
            rows.Add((chosen, string.Create(CultureInfo.InvariantCulture, $"edited: the purest of the {choice.Active.Count} latents active on the audience")));
        }
        foreach (var (latent, role) in rows)
        {
            table.Add(latent.Latent, role, latent.PurityAt10, latent.PurityAt20, latent.Scale.Median, latent.Scale.P95);
        }
        var sb = new StringBuilder(table.ToString()).Append('\n');
        if (choice.Skip is string skip)
        {
            return sb.Append("No latent is edited: ").Append(skip).Append(".\n").ToString();
        }
        sb.Append(choice.Side == EditSide.Items
            ? "Item-side edit: the concept's item-purity pick is written into the item."
            : choice.PickIsSilent
            ? string.Create(CultureInfo.InvariantCulture, $"User-side edit (D14): the item-purity pick, latent {choice.ItemPurityPick}, is silent on the audience (median {MarkdownTable.Number(choice.Pick!.Scale.Median)}), so latent {choice.Latent}, the purest of the {choice.Active.Count} latents active on it (median > 0), is edited instead.")
            : string.Create(CultureInfo.InvariantCulture, $"User-side edit (D14): the item-purity pick is active on the audience ({choice.Active.Count} latents are) and is edited."));
        if (choice.OwnConcept is LatentOwnConcept own && own.Concept != choice.Concept && own.PurityAt20 > choice.Chosen!.PurityAt20)
        {
            sb.Append(string.Create(CultureInfo.InvariantCulture, $" Latent {choice.Latent} is purest for {own.Concept} (purity@10 {MarkdownTable.Number(own.PurityAt10)}, @20 {MarkdownTable.Number(own.PurityAt20)})."));
        }
        return sb.Append(" v is absolute, on the scale of these activations.\n").ToString();
    }

    /// <summary>
    /// The control of a user-side grid: the same edit on each other latent active on the audience beside the edited
    /// latent's, with the others' median and 75th percentile and whether the edited latent beats both (claims 7 and 8).
    /// </summary>
    public static string ToMarkdown(this InterventionControl control, string concept, bool lowers)
    {
        ArgumentNullException.ThrowIfNull(control);
        string v = "v=" + control.Value.ToString("0.##", CultureInfo.InvariantCulture);
        string effect = lowers ? "effect (Orig - share)" : "effect (share - Orig)";
        var table = new MarkdownTable("latent", "role", $"{concept} purity@20", "median over the audience", $"{concept} share at {v}", effect)
            .Tolerance($"{concept} share at {v}", Tolerances.InterventionShare).Tolerance(effect, Tolerances.InterventionShare);
        table.Add(control.Concept.Latent, "edited", control.Concept.PurityAt20, control.Concept.Median, control.Concept.Share, control.Concept.Effect);
        foreach (var o in control.Others)
        {
            table.Add(o.Latent, "control", o.PurityAt20, o.Median, o.Share, o.Effect);
        }
        var (_, detail) = DoseResponseClaim.Control(control.Concept.Effect, [.. control.Others.Select(o => o.Effect)]);
        return $"#### Control: the same edit ({v}, edit only) on every other latent active on the audience\n\n{table}\n{char.ToUpperInvariant(detail[0])}{detail[1..]}.\n";
    }

    /// <summary>Every grid of one cell and seed: latent choice, protocols with their baselines, control, side effects; skipped grids with their reasons.</summary>
    public static string ToMarkdown(this InterventionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder();
        sb.Append("# Interventions: ").Append(result.Setting.Label).Append(string.Create(CultureInfo.InvariantCulture, $", seed {result.Seed}\n\n"));
        sb.Append("Concepts: ").Append(result.ConceptKind).Append(". Share = mean share of the concept in the audience's top 30 over all items; \"Orig\" = the unedited model. ");
        sb.Append("Latents (D14): a user-side edit (suppression, nudging) writes the purest latent (item purity@20) among those active on the audience (median activation > 0), an item-side edit (promotion) the item-purity pick. ");
        sb.Append(result.Setting.Model == Recommenders.RecommenderKind.NCF
            ? "Protocols (D15): \"edit only\" replaces only the edited vector (the claims are ruled on it); \"notebook\" is the authors' NCF notebook (every item reconstructed by the SAE, an edited user encoded and decoded once more). "
            : "Protocol: \"edit only\" replaces only the edited vector (the notebooks' MF protocol too; the claims are ruled on it). ");
        sb.Append("\"no edit\" = the protocol's SAE passes with no latent changed.\n");
        foreach (var s in result.Suppressions)
        {
            sb.Append("\n## Suppress ").Append(s.Target.Concept).Append(" (latent ").Append(s.Target.Latent).Append(")\n\n");
            Grid(sb, s.Choice, s.ToMarkdown(InterventionExperiment.Paper(result.Setting, "suppress", s.Target.Concept)), s.Control, s.Target.Concept, lowers: true);
        }
        Skipped(sb, result, "suppress", g => $"Suppress {g.Concept}");
        foreach (var (audience, n) in result.Nudges)
        {
            sb.Append("\n## Nudge ").Append(audience).Append(" toward ").Append(n.Target.Concept).Append(" (latent ").Append(n.Target.Latent).Append(")\n\n");
            Grid(sb, n.Choice, n.ToMarkdown(InterventionExperiment.Paper(result.Setting, "nudge", n.Target.Concept)), n.Control, n.Target.Concept, lowers: false);
        }
        Skipped(sb, result, "nudge", g => $"Nudge {g.Audience} toward {g.Concept}");
        foreach (var p in result.Promotions)
        {
            sb.Append("\n## Promote an off-concept item to ").Append(p.Concept).Append(" fans\n\n");
            Grid(sb, p.Choice, p.ToMarkdown(InterventionExperiment.Paper(result.Setting, "promote", p.Concept)), null, p.Concept, lowers: false);
        }
        Skipped(sb, result, "promote", g => $"Promote an off-concept item to {g.Concept} fans");
        return sb.ToString();
    }

    /// <summary>
    /// One cell's latent choices over several seeds' results, one row per grid and seed: the item-purity pick, the latent
    /// edited, its purity@10/20 for the concept, its median and 95th-percentile activation where it is edited, and the
    /// control (the edited latent's effect against the other active latents' median and 75th percentile).
    /// </summary>
    public static string LatentsOverSeeds(IReadOnlyList<InterventionResult> seeds)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        var table = new MarkdownTable("seed", "grid", "item-purity pick", "edited latent", "purity@10", "purity@20", "median where edited", "95th percentile", "control: effect", "others' median", "others' 75th pct", "beats both")
            .Tolerance("control: effect", Tolerances.InterventionShare).Tolerance("others' median", Tolerances.InterventionShare).Tolerance("others' 75th pct", Tolerances.InterventionShare);
        foreach (var r in seeds)
        {
            var grids = new List<(string Grid, LatentChoice? Choice, InterventionControl? Control)>();
            grids.AddRange(r.Suppressions.Select(s => ("suppress " + s.Target.Concept, s.Choice, s.Control)));
            grids.AddRange(r.Nudges.Select(n => ($"nudge {n.Audience} toward {n.Result.Target.Concept}", n.Result.Choice, n.Result.Control)));
            grids.AddRange(r.Promotions.Select(p => ($"promote to {p.Concept} fans", p.Choice, (InterventionControl?)null)));
            foreach (var (grid, choice, control) in grids)
            {
                if (choice?.Chosen is not LatentCandidate c)
                {
                    continue;
                }
                var (beats, _) = control is null ? ((bool?)null, "") : DoseResponseClaim.Control(control.Concept.Effect, [.. control.Others.Select(o => o.Effect)]);
                table.Add(r.Seed.ToString(CultureInfo.InvariantCulture), grid, choice.ItemPurityPick, choice.PickIsSilent ? $"{c.Latent} (pick silent)" : c.Latent.ToString(CultureInfo.InvariantCulture),
                    c.PurityAt10, c.PurityAt20, c.Scale.Median, c.Scale.P95,
                    control is null ? "" : control.Concept.Effect, control is null ? "" : control.OthersMedian, control is null ? "" : control.OthersP75,
                    control is null ? "" : beats switch { true => "yes", false => "no", _ => "undefined" });
            }
            foreach (var g in r.Skipped)
            {
                table.Add(r.Seed.ToString(CultureInfo.InvariantCulture), $"{g.Kind} {g.Concept}: not run", "", "", "", "", "", "", "", "", "", "");
            }
        }
        return "#### Latents edited, every seed\n\nWhere each grid's edit happens (median and 95th percentile over the audience's users for suppression and nudging, over all items for promotion), and the control.\n\n" + table;
    }

    private static void Grid(StringBuilder sb, LatentChoice? choice, string tables, InterventionControl? control, string concept, bool lowers)
    {
        if (choice is not null)
        {
            sb.Append(choice.ToMarkdown()).Append('\n');
        }
        sb.Append(tables);
        if (control is not null)
        {
            sb.Append('\n').Append(control.ToMarkdown(concept, lowers));
        }
    }

    private static void Skipped(StringBuilder sb, InterventionResult result, string kind, Func<SkippedGrid, string> title)
    {
        foreach (var g in result.Skipped.Where(g => g.Kind == kind))
        {
            sb.Append("\n## ").Append(title(g)).Append(": not run\n\n").Append("Audience: ").Append(g.Audience).Append(". Not run: ").Append(g.Reason).Append(".\n");
        }
    }

    // One titled table of rows over the grid v (each row with its protocol and no-edit baseline); the paper's row
    // (matched by v) under ours, with its source.
    private static string Table(string title, IReadOnlyList<double> grid, IEnumerable<InterventionRow> rows, PaperSeries? paper)
    {
        var columns = new List<string> { "series", "protocol", "concept", "latent", "audience", "Orig", "no edit" };
        columns.AddRange(grid.Select(v => "v=" + v.ToString("0.##", CultureInfo.InvariantCulture)));
        var table = new MarkdownTable(columns.ToArray());
        foreach (string c in columns.Skip(5))
        {
            // The paper's rows are constants, so one bound for the column's measured rows is enough.
            table.Tolerance(c, Tolerances.InterventionShare);
        }
        foreach (var row in rows)
        {
            var cells = new List<object?> { "measured: " + row.Intervention, row.Protocol.Label(), row.Concept, row.Latent, row.AudienceSize, row.Orig, double.IsNaN(row.NoEdit) ? "" : row.NoEdit };
            cells.AddRange(row.Values.Cast<object?>());
            table.Add(cells.ToArray());
        }
        if (paper is not null)
        {
            var cells = new List<object?> { "paper (notebooks): " + paper.Intervention, "", paper.Concept, "", "", paper.Orig, "" };
            foreach (double v in grid)
            {
                int k = paper.Grid.ToList().FindIndex(g => Math.Abs(g - v) < 1e-9);
                cells.Add(k >= 0 && paper.Values[k] is double p ? p : "");
            }
            table.Add(cells.ToArray());
        }
        string note = paper is null ? "" : $"\nPaper row: {paper.Source}\n";
        return $"#### {title}\n\n{table}{note}";
    }
}
