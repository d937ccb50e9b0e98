using System.Collections.Concurrent;
using Repro.Claims;
using Repro.Data;
using Repro.Experiments;
using Repro.Recommenders;
using Repro.SparseAutoencoders;

namespace Repro.Orchestration;

/// <summary>
/// Every result of the paper, each a node made on demand and once per session: the test fixtures assert on and approve
/// these, and <c>repro reproduce</c> writes them into the report. A result that cannot be made fails alone (asking for
/// it throws a <see cref="NodeFailedException"/> naming the node, the step and the error); every other result is still
/// made. Nothing here knows about tests or consoles.
/// </summary>
public sealed class PaperResults
{
    private const string Once = "";
    private readonly ConcurrentDictionary<ulong, Lazy<PaperResults>> _otherSeeds = new();
    private readonly NodeCache<string, LearningRateDemoResult> _learningRates;
    private readonly NodeCache<string, AccuracyResultTable> _accuracy;
    private readonly NodeCache<string, SaeHealthResult> _health;
    private readonly NodeCache<PaperSetting, PredictionWeightAblationResult> _ablations;
    private readonly NodeCache<(PaperSetting Cell, int Width), KlVersusTopKResult> _klTopK;
    private readonly NodeCache<PaperSetting, ConceptResult> _concepts;
    private readonly NodeCache<PaperSetting, HierarchyResult> _hierarchies;
    private readonly NodeCache<PaperSetting, InterventionResult> _interventions;
    private readonly NodeCache<string, ClaimsLedger> _ledger;
    private readonly NodeCache<string, ClaimsLedger> _ledgerOverSeeds;
    private bool _extraSeed;

    /// <summary>Results over a session, for the paper's datasets (default) or others (e.g. the planted "synthetic" set).</summary>
    public PaperResults(ReproductionSession session, IReadOnlyList<DatasetName>? datasets = null, IReadOnlyList<RecommenderKind>? models = null)
        : this(session, [.. (datasets ?? PaperSetting.PaperDatasets).SelectMany(d => (models ?? PaperSetting.Models).Select(m => session.Setting(d, m)))])
    {
    }

    /// <summary>Results over explicit cells (datasets × models with their presets; a test may give a cell settings of its own).</summary>
    public PaperResults(ReproductionSession session, IReadOnlyList<PaperSetting> cells)
    {
        Session = session ?? throw new ArgumentNullException(nameof(session));
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Count == 0)
        {
            throw new ArgumentException("Results need at least one cell.", nameof(cells));
        }
        Cells = cells;
        Datasets = [.. cells.Select(c => c.Dataset).Distinct()];
        Models = [.. cells.Select(c => c.Model).Distinct()];
        KlTopKComparisons = RunPlan.KlVersusTopKComparisons(Cells);
        HierarchyCells = [.. Cells.Where(c => c.Model == RecommenderKind.MF).OrderBy(c => c.Presets == PresetFamily.LastFm ? 0 : 1)];
        _learningRates = new(_ => ComputeLearningRates(), _ => "learning-rate demonstration (D8)");
        _accuracy = new(_ => ComputeAccuracy(), _ => "recommender accuracy");
        _health = new(_ => ComputeHealth(), _ => "SAE health and fidelity");
        _ablations = new(ComputeAblation, c => "λ_pred ablation " + c.Label);
        _klTopK = new(ComputeKlVersusTopK, c => $"KL vs Top-K {c.Cell.Label} m = {c.Cell.Sae.Latents * c.Width}");
        _concepts = new(ComputeConcepts, c => "concepts " + c.Label);
        _hierarchies = new(ComputeHierarchy, c => "Matryoshka hierarchy " + c.Label);
        _interventions = new(ComputeInterventions, c => "interventions " + c.Label);
        _ledger = new(_ => ClaimsLedger.RuleOverSeeds([(Session.Options.Seed, Evidence())]), _ => "claims ledger (seed " + Session.Options.Seed + ")");
        _ledgerOverSeeds = new(_ => ClaimsLedger.RuleOverSeeds([.. LedgerSeeds.Select(seed => (seed, ForSeed(seed).Evidence()))]), _ => "claims ledger over seeds");
    }

    /// <summary>The datasets these results cover, in the cells' order.</summary>
    public IReadOnlyList<DatasetName> Datasets { get; }

    /// <summary>The models these results cover.</summary>
    public IReadOnlyList<RecommenderKind> Models { get; }

    /// <summary>Whether every cell of the paper is covered, so the claims ledger can rule.</summary>
    public bool CoversThePaper => PaperSetting.PaperDatasets.All(Datasets.Contains) && PaperSetting.Models.All(Models.Contains);

    /// <summary>The trained state behind the results.</summary>
    public ReproductionSession Session { get; }

    /// <summary>The cells: datasets × models (the paper's four: (ML-1M, Last.FM) × (MF, NCF)).</summary>
    public IReadOnlyList<PaperSetting> Cells { get; }

    /// <summary>Every KL-versus-Top-K comparison these results run (<see cref="RunPlan.KlVersusTopKComparisons"/>).</summary>
    public IReadOnlyList<(PaperSetting Cell, int Width)> KlTopKComparisons { get; }

    /// <summary>The cells the Matryoshka hierarchy runs on: the MF cells, the paper's Last.FM MF (m = 80) first.</summary>
    public IReadOnlyList<PaperSetting> HierarchyCells { get; }

    /// <summary>Whether these are a later seed's results (the once-only steps stay with the first seed).</summary>
    public bool IsExtraSeed => _extraSeed;

    /// <summary>The jobs of the run plan (<see cref="RunPlan.Jobs"/>).</summary>
    public IReadOnlyList<ResultJob> Jobs(bool everything = true) => RunPlan.Jobs(this, everything);

    /// <summary>
    /// Runs every job of the given seeds (default: this run's seed only) on <paramref name="parallelism"/> threads
    /// (default: one per core); the results are the same for any schedule. A failed job fails alone: the others run,
    /// and the failures come back, each naming its step, node and error.
    /// </summary>
    public IReadOnlyList<StepFailure> ComputeAll(int parallelism = 0, bool everything = true, IReadOnlyList<ulong>? seeds = null) =>
        RunPlan.Run([.. (seeds ?? [Session.Options.Seed]).SelectMany(seed => ForSeed(seed).Jobs(everything))],
            parallelism > 0 ? parallelism : Environment.ProcessorCount, job => job.Work());

    /// <summary>
    /// How many seeds the suite's claims ledger is ruled over. Five, because several verdicts turned on one seed of three
    /// (a purity one item of 10 from its threshold); a cold seed costs about 6 min of the 2-core machine (README).
    /// </summary>
    public const int LedgerSeedCount = 5;

    /// <summary>The seeds the suite's claims ledger is ruled over: this run's seed and the next <see cref="LedgerSeedCount"/> − 1 (a seed = split, recommenders and SAEs).</summary>
    public IReadOnlyList<ulong> LedgerSeeds => [.. Enumerable.Range(0, LedgerSeedCount).Select(i => Session.Options.Seed + (ulong)i)];

    /// <summary>The same cells and options with another seed (made once; its models are disposed with this session).</summary>
    public PaperResults ForSeed(ulong seed) => seed == Session.Options.Seed ? this : _otherSeeds.GetOrAdd(seed, s => new Lazy<PaperResults>(() =>
        new PaperResults(Session.ForSeed(s), Cells) { _extraSeed = true })).Value;

    /// <summary>The claims ledger ruled over <see cref="LedgerSeeds"/> (<see cref="ClaimsLedger.RuleOverSeeds"/>: each claim sees every seed).</summary>
    public ClaimsLedger LedgerOverSeeds() => _ledgerOverSeeds[Once];

    /// <summary>The dataset of the learning-rate demonstration (D8 is about the ML-1M NCF).</summary>
    public static DatasetName LearningRateDataset { get; } = DatasetName.Ml1m;

    /// <summary>Deviation D8 shown: the ML-1M NCF at the notebooks' lr 0.05 against lr 1e-3, a few epochs each.</summary>
    public LearningRateDemoResult LearningRates() => _learningRates[Once];

    /// <summary>Recommender accuracy on every dataset of these results, for the models they cover.</summary>
    public AccuracyResultTable Accuracy() => _accuracy[Once];

    /// <summary>Health and fidelity of the paper-setting SAEs (<see cref="HealthCells"/>).</summary>
    public SaeHealthResult SaeHealth() => _health[Once];

    /// <summary>
    /// The SAE health rows: every cell at its preset, plus ML-1M NCF at 3 of the notebooks' 18 aligned-pair epochs, so
    /// the effect of the suite's one-epoch budget is visible (the whole budget, <see cref="SaeSettings.Ml1mNcfPaperBudget"/>,
    /// would cost about 18 NCF SAEs' time, more than the rest of the suite).
    /// </summary>
    public IReadOnlyList<PaperSetting> HealthCells =>
        [.. Cells.SelectMany(c => c == PaperSetting.For(PaperSetting.PaperDatasets[0], RecommenderKind.NCF) && !_extraSeed
            ? new[] { c, c with { Sae = SaeSettings.Ml1mNcf with { Steps = 3 * SaeSettings.Ml1mNcfStepsPerEpoch, Name = "ml-1m NCF, 3 epochs" } } }
            : [c])];

    /// <summary>The λ_pred ablation of one cell (λ_pred ∈ {0, 1, 2, 5, 10}).</summary>
    public PredictionWeightAblationResult Ablation(PaperSetting cell) => _ablations[cell];

    /// <summary>KL versus Top-K at matched L0 on one cell with the run's seed, at <paramref name="width"/> × the paper's m.</summary>
    public KlVersusTopKResult KlVersusTopK(PaperSetting cell, int width = 1) => _klTopK[(cell, width)];

    /// <summary>Concept analyses of one cell's paper-setting SAE.</summary>
    public ConceptResult Concepts(PaperSetting cell) => _concepts[cell];

    /// <summary>The Matryoshka hierarchy of one cell.</summary>
    public HierarchyResult Hierarchy(PaperSetting cell) => _hierarchies[cell];

    /// <summary>Every intervention grid of one cell.</summary>
    public InterventionResult Interventions(PaperSetting cell) => _interventions[cell];

    /// <summary>The claims ledger of this seed: one verdict per claim of SPEC §7, each claim reading its series by name (needs every paper cell); a claim whose input failed is NOT RULED.</summary>
    public ClaimsLedger Ledger() => _ledger[Once];

    /// <summary>The ledger's view of these results (this seed's): a result that failed becomes missing evidence, so only its claims go unruled.</summary>
    public LedgerEvidence Evidence() => new(Cells,
        Read<PaperSetting, ConceptResult>(Concepts),
        Read<PaperSetting, PredictionWeightAblationResult>(Ablation),
        KlTopKComparisons,
        (cell, width) => Read<(PaperSetting Cell, int Width), KlVersusTopKResult>(c => KlVersusTopK(c.Cell, c.Width))((cell, width)),
        Read<PaperSetting, InterventionResult>(Interventions),
        Read<PaperSetting, HierarchyResult>(Hierarchy));

    private static Func<TKey, TValue> Read<TKey, TValue>(Func<TKey, TValue> result) => key =>
    {
        try
        {
            return result(key);
        }
        catch (NodeFailedException e)
        {
            throw new MissingEvidenceException(e.Message, e);
        }
    };

    private LearningRateDemoResult ComputeLearningRates()
    {
        var cell = PaperSetting.For(LearningRateDataset, RecommenderKind.NCF);
        var runs = LearningRateDemo.Settings.Select(settings => Session.Recommender(cell with { Recommender = settings })).ToList();
        var r = LearningRateDemo.Run(Session.Data(cell.Dataset), Session.Split(cell.Dataset), runs);
        Session.Progress.Info("learning-rate demonstration (D8) done");
        return r;
    }

    private AccuracyResultTable ComputeAccuracy()
    {
        var rows = new List<AccuracyRow>();
        foreach (var name in Datasets)
        {
            rows.AddRange(AccuracyExperiment.Rows(Session.Data(name), Session.Split(name), Models.Select(m => Session.Recommender(Session.Setting(name, m)))));
            Session.Progress.Info($"accuracy table: {name} done");
        }
        return new AccuracyResultTable(rows, [.. Datasets.Select(Session.Data)], Session.SplitSettings);
    }

    private SaeHealthResult ComputeHealth()
    {
        var rows = new List<SaeHealthRow>();
        foreach (var cell in HealthCells)
        {
            rows.Add(SaeHealthExperiment.Measure(cell, Session.Model(cell), Session.Sae(cell, cell.Sae, Session.Options.Seed), Session.Split(cell.Dataset)));
            Session.Progress.Info($"SAE health: {cell.Label} done");
        }
        return new SaeHealthResult(rows);
    }

    private PredictionWeightAblationResult ComputeAblation(PaperSetting cell)
    {
        var weights = Session.Options.PredictionWeights;
        var saes = Session.SaeSweep(cell, PredictionWeightAblation.Grid(cell.Sae, weights), Session.Options.Seed);
        var r = PredictionWeightAblation.Measure(Session.Model(cell), Session.Split(cell.Dataset), cell.Sae, weights, Session.Options.Seed, saes);
        Session.Progress.Info($"λ_pred ablation: {cell.Label} done");
        return r;
    }

    private KlVersusTopKResult ComputeKlVersusTopK((PaperSetting Cell, int Width) node)
    {
        var (cell, width) = node;
        var settings = width == 1 ? cell.Sae : cell.Sae with { Latents = cell.Sae.Latents * width, Name = $"{cell.Sae.Name}, m × {width}" };
        var r = Experiments.KlVersusTopK.Run(Session.Model(cell), Session.Split(cell.Dataset), settings, Session.SaeSourceFor(cell), [Session.Options.Seed]);
        Session.Progress.Info($"KL vs Top-K: {cell.Label}, m = {settings.Latents} done");
        return r;
    }

    private ConceptResult ComputeConcepts(PaperSetting cell)
    {
        var r = ConceptExperiment.Run(cell, Session.Data(cell.Dataset), Session.Model(cell), Session.PaperSae(cell)) with { Seed = Session.Options.Seed };
        Session.Progress.Info($"concepts: {cell.Label} done");
        return r;
    }

    private HierarchyResult ComputeHierarchy(PaperSetting cell)
    {
        var sae = Session.MatryoshkaSae(cell, HierarchyExperiment.SettingsFor(cell), Session.Options.Seed);
        var control = Session.Sae(cell, HierarchyExperiment.ControlSettingsFor(cell), Session.Options.Seed);
        var r = HierarchyExperiment.Run(cell, Session.Data(cell.Dataset), Session.Model(cell), sae, control, Session.Options.Seed);
        Session.Progress.Info($"Matryoshka hierarchy: {cell.Label} done");
        return r;
    }

    private InterventionResult ComputeInterventions(PaperSetting cell)
    {
        var r = InterventionExperiment.Run(cell, Session.Data(cell.Dataset), Session.Split(cell.Dataset), Session.Model(cell), Session.PaperSae(cell), Concepts(cell).Report, Session.Options.Seed);
        Session.Progress.Info($"interventions: {cell.Label} done");
        return r;
    }
}
