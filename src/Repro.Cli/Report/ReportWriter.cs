using System.Globalization;
using System.Text;
using Repro.Claims;
using Repro.Cli.Reproduce;
using Repro.Data;
using Repro.Experiments;
using Repro.Interventions;
using Repro.Orchestration;
using Repro.Presentation;

namespace Repro.Cli.Report;

/// <summary>
/// REPORT.md: the reproduction written like the paper's results section, every table from <see cref="PaperResults"/>
/// (already computed by the run's steps, so writing only reads memoised results) and every chart a PNG beside it.
/// </summary>
internal static class ReportWriter
{
    /// <summary>The report's file name.</summary>
    public const string FileName = "REPORT.md";

    /// <summary>The folder of the neuron cards: one file per cell and seed ("ml-1m-mf.md" for the first seed, "ml-1m-mf-seed-43.md" for another).</summary>
    public const string CardsFolder = "neuron-cards";

    /// <summary>The folder of the later seeds' concept and Matryoshka tables (the first seed's are in the report): "ml-1m-mf-seed-43.md".</summary>
    public const string SeedsFolder = "seeds";

    /// <summary>The section headings, in order (the end-to-end test checks each).</summary>
    public static IReadOnlyList<string> Sections { get; } =
    [
        "Datasets", "Recommender accuracy", "SAE health and fidelity", "λ_pred ablation", "Concepts and purity", "Interventions",
        "Matryoshka hierarchy", "Paper versus ours", "Claims ledger", "Deviations from the original", "Seed variation", "Where the time went", "Provenance",
    ];

    /// <summary>Writes the report and its plots into the options' output folder; returns the report's path.</summary>
    public static string Write(ReproduceOptions options, IReadOnlyList<(ulong Seed, PaperResults Results)> runs, ClaimsLedger? ledger, StageTimes stages, DateTimeOffset started, TimeSpan took)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(runs);
        using var folder = ReportFolder.Stage(options.Output);
        string dir = folder.Staging;
        var plots = new ReportPlots(dir);
        plots.Clear();
        var r = runs[0].Results;
        var session = r.Session;
        var md = new StringBuilder();

        md.Append("# Reproduction report: Extracting Interaction-Aware Monosemantic Concepts in Recommender Systems (AAAI 2026)\n\n");
        md.Append(Intro(options, r, ledger, took)).Append('\n');

        Section(md, "Datasets");
        Available(md, part => part.Append(MarkdownText.Nested(DatasetSummary.Build(r.Datasets.Select(session.Data)), 2)));

        Section(md, "Recommender accuracy");
        Available(md, part => part.Append(MarkdownText.Nested(r.Accuracy().ToMarkdown(), 2)));

        Section(md, "SAE health and fidelity");
        Available(md, part =>
        {
            var health = r.SaeHealth();
            part.Append(MarkdownText.Nested(health.ToMarkdown(), 2));
            part.Append("\n### Latent activation frequency\n\nShare of all users and items on which each latent of the paper-setting SAE fires; a red × marks a dead latent (never active).\n\n");
            foreach (var row in health.Rows)
            {
                part.Append(MarkdownText.Image($"activation frequency, {row.Setting.Label}", plots.Frequency(row))).Append('\n');
            }
        });
        md.Append("### KL versus Top-K at matched L0 (claim 6)\n\n");
        foreach (var (cell, width) in r.KlTopKComparisons)
        {
            Available(md, part => part.Append(r.KlVersusTopK(cell, width).ToMarkdown()).Append('\n'));
        }

        Section(md, "λ_pred ablation");
        md.Append("The paper's \"β ablation\" (its β is λ_pred, the weight of the prediction-level loss): one SAE per λ_pred ∈ {" + string.Join(", ", r.Session.Options.PredictionWeights.Select(w => w.ToString(CultureInfo.InvariantCulture))) + "}, everything else at the cell's paper setting. Fidelity: top-30 of the original model against the top-30 with both towers reconstructed (SAE-test users). MS: monosemanticity score over items. ");
        md.Append("Solid lines are ours; on ML-1M the dashed lines in the same colours are the paper's numbers (").Append(PaperAblationNumbers.Source).Append(").\n");
        foreach (var cell in r.Cells)
        {
            md.Append("\n### ").Append(cell.Label).Append("\n\n");
            Available(md, part =>
            {
                var ablation = r.Ablation(cell);
                part.Append(MarkdownText.Image($"λ_pred ablation, {cell.Label}", plots.PredictionWeightCurves(cell, ablation))).Append('\n');
                part.Append(ablation.ToMarkdown());
            });
        }

        Section(md, "Concepts and purity");
        md.Append("Each concept's neuron is chosen by the purity rule alone (highest purity@20, ties to the lower index). The heatmaps show purity@20 of every (concept, neuron) pair of the paper-setting SAE; the circle marks each concept's chosen neuron.\n");
        Directory.CreateDirectory(Path.Combine(dir, CardsFolder));
        Directory.CreateDirectory(Path.Combine(dir, SeedsFolder));
        foreach (var cell in r.Cells)
        {
            md.Append("\n### ").Append(cell.Label).Append("\n\n");
            Available(md, part =>
            {
                var concepts = r.Concepts(cell);
                var data = session.Data(cell.Dataset);
                var table = data.Table(InterventionExperiment.ConceptKindFor(data));
                string cards = $"{CardsFolder}/{MarkdownText.Slug(cell.Label)}.md";
                File.WriteAllText(Path.Combine(dir, cards), concepts.NeuronCardsToMarkdown());
                part.Append(MarkdownText.Image($"purity heatmap, {cell.Label}", plots.Purity(cell, concepts, table))).Append('\n');
                part.Append("Neuron cards (top items of every neuron): [").Append(cards).Append("](").Append(cards).Append(").\n\n");
                part.Append(MarkdownText.Nested(concepts.ToMarkdown(), 3));
            });
            // Every later seed's concept tables and cards are written too, each naming its seed under every table.
            var others = new List<string>();
            foreach (var (seed, results) in runs.Skip(1))
            {
                Available(md, part =>
                {
                    var concepts = results.Concepts(cell);
                    string name = string.Create(CultureInfo.InvariantCulture, $"{MarkdownText.Slug(cell.Label)}-seed-{seed}.md");
                    File.WriteAllText(Path.Combine(dir, SeedsFolder, name), concepts.ToMarkdown());
                    File.WriteAllText(Path.Combine(dir, CardsFolder, name), concepts.NeuronCardsToMarkdown());
                    others.Add(string.Create(CultureInfo.InvariantCulture, $"seed {seed}: [concept tables]({SeedsFolder}/{name}), [neuron cards]({CardsFolder}/{name})"));
                });
            }
            if (others.Count > 0)
            {
                md.Append("\nThe other seeds' tables: ").AppendJoin("; ", others).Append(".\n");
            }
        }

        Section(md, "Interventions");
        md.Append("Edits of one latent before decoding. A user-side edit (suppression, nudging) writes the purest latent among those active on the audience (median activation > 0; D14), an item-side edit (promotion) the item-purity pick. ");
        md.Append("Dose-response charts: share of the concept in the audience's top 30 against the latent value v, \"edit only\" (only the edited vector changes; the claims are ruled on it); dotted lines are the unedited model (Orig); dashed lines are the paper's numbers where it reported them (ML-1M). ");
        md.Append("NCF cells add charts under the authors' notebook protocol (every item reconstructed, an edited user encoded and decoded once more; D15), whose dotted lines are that protocol's no-edit baseline. ");
        md.Append("Each grid's tables give the latent's purity and activation, both protocols with their no-edit baselines, and the control: the same edit on every other latent active on the audience.\n");
        foreach (var cell in r.Cells)
        {
            md.Append("\n### ").Append(cell.Label).Append("\n\n");
            Available(md, part =>
            {
                var iv = r.Interventions(cell);
                var images = new[] { plots.Suppressions(iv), plots.Nudges(iv), plots.Promotions(iv) }.ToList();
                if (cell.Model == Repro.Recommenders.RecommenderKind.NCF)
                {
                    images.AddRange([plots.Suppressions(iv, InterventionProtocol.Notebook), plots.Nudges(iv, InterventionProtocol.Notebook), plots.Promotions(iv, InterventionProtocol.Notebook)]);
                }
                foreach (string? image in images)
                {
                    if (image is not null)
                    {
                        part.Append(MarkdownText.Image($"dose-response, {cell.Label}", image)).Append('\n');
                    }
                }
                if (iv.Suppressions.Count > ReportPlots.MaxSuppressionLines)
                {
                    part.Append(string.Create(CultureInfo.InvariantCulture, $"(The suppression chart shows the first {ReportPlots.MaxSuppressionLines} of {iv.Suppressions.Count} suppressed concepts; the tables below have all.)\n\n"));
                }
                if (runs.Count > 1)
                {
                    part.Append(MarkdownText.Nested(InterventionTables.LatentsOverSeeds([.. runs.Select(x => x.Results.Interventions(cell))]), 3)).Append('\n');
                }
                part.Append(MarkdownText.Nested(iv.ToMarkdown(), 3));
            });
        }

        Section(md, "Matryoshka hierarchy");
        if (r.HierarchyCells.Count == 0)
        {
            md.Append("Not run: the hierarchy is measured on MF cells, and this run has none.\n");
        }
        foreach (var cell in r.HierarchyCells)
        {
            md.Append("\n### ").Append(cell.Label).Append("\n\n");
            Available(md, part =>
            {
                var h = r.Hierarchy(cell);
                var data = session.Data(cell.Dataset);
                part.Append(MarkdownText.Image($"Matryoshka bands, {cell.Label}", plots.Bands(h, data.ItemCount, data.Concepts.Count))).Append('\n');
                part.Append(h.ToMarkdown(4));
            });
            var others = new List<string>();
            foreach (var (seed, results) in runs.Skip(1))
            {
                Available(md, part =>
                {
                    string name = string.Create(CultureInfo.InvariantCulture, $"{MarkdownText.Slug(cell.Label)}-matryoshka-seed-{seed}.md");
                    File.WriteAllText(Path.Combine(dir, SeedsFolder, name), $"# Matryoshka hierarchy: {cell.Label}, seed {seed}\n\n" + results.Hierarchy(cell).ToMarkdown(2));
                    others.Add(string.Create(CultureInfo.InvariantCulture, $"[seed {seed}]({SeedsFolder}/{name})"));
                });
            }
            if (others.Count > 0)
            {
                md.Append("\nThe other seeds' hierarchies: ").AppendJoin(", ", others).Append(".\n");
            }
        }

        Section(md, "Paper versus ours");
        Available(md, part => part.Append(options.OnlyUserDatasets
            ? "Not applicable: the paper reports no numbers on " + string.Join(", ", r.Datasets) + ", so this report has no paper columns; every number above is measured by this run.\n"
            : PaperVersusOurs.ToMarkdown(r)));

        Section(md, "Claims ledger");
        if (ledger is null)
        {
            md.Append(options.Quick
                ? "Not applicable to the planted set: the claims are about ML-1M and Last.FM (SPEC §7). Run `repro reproduce` without `--quick` on the real data for verdicts.\n"
                : options.OnlyUserDatasets
                ? "Not applicable to your dataset: the claims are about ML-1M and Last.FM (SPEC §7). The sections above answer the same questions on your data: genre neurons (Concepts and purity), the popularity neuron, fidelity against λ_pred (λ_pred ablation), KL versus Top-K, the interventions and the Matryoshka bands.\n"
                : "Not ruled: the ledger needs every paper cell (ml-1m and lastfm × MF and NCF); this run covers " + string.Join(", ", r.Cells.Select(c => c.Label)) + ".\n");
        }
        else
        {
            md.Append(string.Create(CultureInfo.InvariantCulture, $"Ruled over {runs.Count} seed(s) ({string.Join(", ", runs.Select(x => x.Seed))}); a seed is a split, recommenders and SAEs. "));
            md.Append(runs.Count < PaperResults.LedgerSeedCount ? string.Create(CultureInfo.InvariantCulture, $"The suite's approved ledger is ruled over {PaperResults.LedgerSeedCount} seeds: run with `--seeds {PaperResults.LedgerSeedCount}` for the same verdicts. ") : "");
            md.Append(VerdictCounts(ledger)).Append(".\n\n").Append(ledger.ToMarkdownWithEvidence(3));
        }

        Section(md, "Deviations from the original");
        AccuracyResultTable? accuracy = null;
        Available(md, _ => accuracy = r.Accuracy());
        md.Append(DeviationsTable.ToMarkdown(accuracy));

        Section(md, "Seed variation");
        Available(md, part => part.Append(SeedVariation.ToMarkdown(runs)));

        Section(md, "Where the time went");
        md.Append(StageTimes.ToMarkdown(stages, [.. runs.SelectMany(x => x.Results.Session.Timings)]));

        Section(md, "Provenance");
        md.Append(Provenance.ToMarkdown(options, r, started, took));

        // The tables' Tolerances lines are the noise measured on the paper's datasets; they say nothing about a user's folder.
        File.WriteAllText(Path.Combine(dir, FileName), options.UserDatasets.Count > 0 ? MarkdownText.WithoutTolerances(md.ToString()) : md.ToString());
        folder.Commit();
        return Path.Combine(folder.Final, FileName);
    }

    /// <summary>"4 reproduced, 5 not reproduced, …" over the ledger's rows.</summary>
    public static string VerdictCounts(ClaimsLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        return string.Join(", ", ledger.Rows.GroupBy(x => x.Verdict).OrderBy(g => g.Key)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Count()} {ClaimsLedger.Label(g.Key).ToLowerInvariant()}")));
    }

    private static string Intro(ReproduceOptions options, PaperResults r, ClaimsLedger? ledger, TimeSpan took)
    {
        var sb = new StringBuilder();
        sb.Append("Reproduced with TorchSharp from the method pinned in SPEC.md. ");
        sb.Append(options.Quick
            ? "**Quick run: the planted synthetic set only** (a generated dataset with known genres; it checks the pipeline end to end, not the paper's claims). "
            : "Datasets: " + string.Join(", ", r.Datasets) + "; models: " + string.Join(", ", r.Models) + ". ");
        foreach (var user in options.UserDatasets)
        {
            sb.Append("**").Append(user.Name).Append("** is your MovieLens-format folder `").Append(user.Directory).Append("`, read with the paper's ML-1M preprocessing (every rating is an interaction) and trained with `--presets ")
                .Append(user.PresetsOption).Append('`').Append(user.Presets == PresetFamily.Quick ? " (the planted set's small, fast models)" : "")
                .Append("; the paper reports nothing on it, so it has no paper columns, no claims verdicts and no tolerances. ");
        }
        sb.Append(string.Create(CultureInfo.InvariantCulture, $"Seed {options.Seed}"));
        if (options.Seeds > 1)
        {
            sb.Append(string.Create(CultureInfo.InvariantCulture, $" (and {options.Seeds - 1} more, see Seed variation)"));
        }
        sb.Append(string.Create(CultureInfo.InvariantCulture, $"; total time {took.TotalSeconds:0.0} s. "));
        sb.Append(ledger is null ? "Claims: not ruled on this run (see Claims ledger). " : "Claims: " + VerdictCounts(ledger) + ". ");
        sb.Append("\n\nEvery number is measured by this run (or read from its model cache) unless a row, column or dashed curve is labelled as the paper's.\n");
        return sb.ToString();
    }

    private static void Section(StringBuilder md, string title) => md.Append("\n## ").Append(title).Append("\n\n");

    // Writes one part of a section, or, when a result it reads could not be made, one line saying which and why (the
    // run's failure stays in its node: every other part of the report is still written).
    private static void Available(StringBuilder md, Action<StringBuilder> write)
    {
        var part = new StringBuilder();
        try
        {
            write(part);
            md.Append(part);
        }
        catch (NodeFailedException e)
        {
            md.Append("**Not available:** ").Append(e.Message.Split('\n')[0].Trim()).Append("\n\n");
        }
    }
}
