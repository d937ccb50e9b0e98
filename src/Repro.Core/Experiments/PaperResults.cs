using System.Globalization;
using Repro.Interventions;

namespace Repro.Experiments;

/// <summary>
/// Every result of the paper, computed on demand and once per session: the test fixtures assert on and approve
/// these, and <c>repro reproduce</c> writes them into the report. Nothing here knows about tests or consoles.
/// </summary>
public sealed class PaperResults
{
    private static readonly Lazy<PaperResults> LazyShared = new(() => new PaperResults(ReproductionSession.Shared));

    /// <summary>Results over a session, for the paper's datasets (default) or others (e.g. the planted "synthetic" set).</summary>
    public PaperResults(ReproductionSession session, IReadOnlyList<string>? datasets = null, IReadOnlyList<string>? models = null)
    {
        Session = session ?? throw new ArgumentNullException(nameof(session));
        Datasets = datasets ?? PaperSetting.PaperDatasets;
        Models = models ?? PaperSetting.Models;
        Cells = [.. Datasets.SelectMany(d => Models.Select(m => session.Setting(d, m)))];
        KlTopKCells = [.. Cells.Where(c => c.Dataset == Datasets[0])];
        HierarchyCells = [.. Cells.Where(c => c.Model == "MF").OrderBy(c => c.Dataset == "lastfm" ? 0 : 1)];
    }

    /// <summary>The datasets these results cover.</summary>
    public IReadOnlyList<string> Datasets { get; }

    /// <summary>The models these results cover.</summary>
    public IReadOnlyList<string> Models { get; }

    /// <summary>Whether every cell of the paper is covered, so the claims ledger can rule.</summary>
    public bool CoversThePaper => PaperSetting.PaperDatasets.All(Datasets.Contains) && PaperSetting.Models.All(Models.Contains);

    /// <summary>The results every test fixture shares.</summary>
    public static PaperResults Shared => LazyShared.Value;

    /// <summary>The trained state behind the results.</summary>
    public ReproductionSession Session { get; }

    /// <summary>The cells: datasets × models (the paper's four: (ML-1M, Last.FM) × (MF, NCF)).</summary>
    public IReadOnlyList<PaperSetting> Cells { get; }

    /// <summary>The cells the KL-versus-Top-K comparison runs on (3 seeds each): the first dataset's.</summary>
    public IReadOnlyList<PaperSetting> KlTopKCells { get; }

    /// <summary>The cells the Matryoshka hierarchy runs on: the MF cells, the paper's Last.FM MF (m = 80) first.</summary>
    public IReadOnlyList<PaperSetting> HierarchyCells { get; }

    /// <summary>Recommender accuracy on both datasets.</summary>
    public AccuracyResultTable Accuracy() => Session.Memo("results|accuracy|" + string.Join(",", Datasets), () => AccuracyExperiment.Run(Session, Datasets));

    /// <summary>Health and fidelity of the four paper-setting SAEs.</summary>
    public SaeHealthResult SaeHealth() => Session.Memo("results|health|" + string.Join(",", Cells.Select(c => c.Label)), () => SaeHealthExperiment.Run(Session, Cells));

    /// <summary>The β ablation of one cell (λ_pred ∈ {0, 1, 2, 5, 10}).</summary>
    public BetaAblationResult Ablation(PaperSetting cell) => Session.Memo("results|ablation|" + cell.Label, () =>
    {
        var r = BetaAblation.Run(Session.Model(cell), Session.Split(cell.Dataset), cell.Sae, BetaAblation.PaperBetas, Session.Options.Seed, Session.SaeSourceFor(cell));
        Session.Progress.Info($"β ablation: {cell.Label} done");
        return r;
    });

    /// <summary>KL versus Top-K at matched L0 on one cell, seeds 1–3.</summary>
    public KlVersusTopKResult KlVersusTopK(PaperSetting cell) => Session.Memo("results|kltopk|" + cell.Label, () =>
    {
        var r = Experiments.KlVersusTopK.Run(Session.Model(cell), Session.Split(cell.Dataset), cell.Sae, Session.SaeSourceFor(cell));
        Session.Progress.Info($"KL vs Top-K: {cell.Label} done");
        return r;
    });

    /// <summary>Concept analyses of one cell's paper-setting SAE.</summary>
    public ConceptResult Concepts(PaperSetting cell) => Session.Memo("results|concepts|" + cell.Label, () => ConceptExperiment.Run(Session, cell));

    /// <summary>The Matryoshka hierarchy of one cell.</summary>
    public HierarchyResult Hierarchy(PaperSetting cell) => Session.Memo("results|hierarchy|" + cell.Label, () => HierarchyExperiment.Run(Session, cell));

    /// <summary>Every intervention grid of one cell.</summary>
    public InterventionResult Interventions(PaperSetting cell) => Session.Memo("results|interventions|" + cell.Label, () => InterventionExperiment.Run(Session, cell, Concepts(cell)));

    /// <summary>The claims ledger: one verdict per claim of SPEC §7, computed from the results above (needs every paper cell).</summary>
    public ClaimsLedger Ledger() => Session.Memo("results|ledger", () =>
    {
        if (!CoversThePaper)
        {
            throw new InvalidOperationException("The claims ledger rules on the paper's datasets and models; these results cover " + string.Join(", ", Cells.Select(c => c.Label)) + ".");
        }
        var ml = PaperSetting.PaperDatasets[0];
        var mlMf = PaperSetting.For(ml, "MF");
        var mlNcf = PaperSetting.For(ml, "NCF");
        var lfm = Cells.Where(c => c.Dataset == "lastfm").ToArray();
        var ledger = new ClaimsLedger();
        ledger.Set(Claims.GenreNeurons(Concepts(mlMf).Report.PurityOf("genre"), Concepts(mlNcf).Report.PurityOf("genre")));
        ledger.Set(Claims.MusicTagNeurons([.. lfm.Select(c => (c.Label, Concepts(c).Report.PurityOf("tag family")))]));
        ledger.Set(Claims.PopularityNeuronEverywhere([.. Cells.Select(c => (c.Label, Concepts(c).Report.Popularity))]));
        var ablations = Cells.Select(c => (Cell: c, Result: Ablation(c))).ToArray();
        ledger.Set(Claims.FidelityRises([.. ablations.SelectMany(a => new[]
        {
            new BetaSweep(a.Cell.Label + " RBO", [.. a.Result.Rows.Select(r => r.Beta)], [.. a.Result.Rows.Select(r => r.Fidelity.Rbo)]),
            new BetaSweep(a.Cell.Label + " τ", [.. a.Result.Rows.Select(r => r.Beta)], [.. a.Result.Rows.Select(r => r.Fidelity.KendallTau)]),
        })]));
        ledger.Set(Claims.BalancedMonosemanticity([.. ablations.Select(a =>
            new BetaSweep(a.Cell.Label + " MS", [.. a.Result.Rows.Select(r => r.Beta)], [.. a.Result.Rows.Select(r => r.Monosemanticity.Mean)]))]));
        // Claim 6 is ruled on the mean over the KL-versus-Top-K cells and seeds.
        var kt = KlTopKCells.SelectMany(c => KlVersusTopK(c).Rows).ToArray();
        ledger.Set(Claims.KlFewerDeadThanTopK(kt.Average(r => r.KlHealth.DeadRate), kt.Average(r => r.KlHealth.L0), kt.Average(r => r.TopKHealth.DeadRate), kt.Average(r => r.TopKHealth.L0)));
        // Claims 7–9 are ruled on the paper's own headline example (ML-1M MF); every other grid is in the tables.
        var iv = Interventions(mlMf);
        var horror = iv.Suppressions.Single(s => s.Target.Concept == "Horror");
        ledger.Set(Claims.Suppression(Sweep("ML-1M MF suppress Horror", horror.Grid, horror.Target)));
        var young = iv.Nudges[0].Result;
        ledger.Set(Claims.Nudging(Sweep("ML-1M MF nudge young users to Children's", young.Grid, young.Target)));
        var romance = iv.Promotions.Single(p => p.Concept == "Romance");
        var rule = romance.Items[0];
        int v4 = romance.Grid.ToList().IndexOf(4);
        ledger.Set(Claims.Promotion($"ML-1M MF, '{rule.Label}' to Romance fans", rule.Exposure.Values[v4]));
        var lfmMf = PaperSetting.For("lastfm", "MF");
        ledger.Set(Claims.Matryoshka(lfmMf.Label + " Matryoshka m = 80", Hierarchy(lfmMf).Result));
        ledger.Set(Claims.GoldenAge(mlMf.Label, Concepts(mlMf).Report.Era!));
        return ledger;
    });

    private static InterventionSweep Sweep(string label, IReadOnlyList<double> grid, InterventionRow row) =>
        new(label, row.Orig, grid, row.Values);

    /// <summary>Seed and settings line printed at the top of tables.</summary>
    public string Header => string.Create(CultureInfo.InvariantCulture, $"seed {Session.Options.Seed}, split {Session.SplitSettings}");
}
