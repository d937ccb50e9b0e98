using Repro.Experiments.Claims;
using Repro.Recommenders;
using Repro.SparseAutoencoders;

namespace Repro.Experiments;

/// <summary>
/// Every result of the paper, computed on demand and once per session: the test fixtures assert on and approve
/// these, and <c>repro reproduce</c> writes them into the report. Nothing here knows about tests or consoles.
/// </summary>
public sealed class PaperResults
{
    private static readonly Lazy<PaperResults> LazyShared = new(() => new PaperResults(ReproductionSession.Shared));
    private readonly System.Collections.Concurrent.ConcurrentDictionary<ulong, Lazy<PaperResults>> _otherSeeds = new();
    private readonly Lazy<LearningRateDemoResult> _learningRates;
    private readonly Lazy<AccuracyResultTable> _accuracy;
    private readonly Lazy<SaeHealthResult> _health;
    private readonly NodeCache<PaperSetting, PredictionWeightAblationResult> _ablations;
    private readonly NodeCache<(PaperSetting Cell, int Width), KlVersusTopKResult> _klTopK;
    private readonly NodeCache<PaperSetting, ConceptResult> _concepts;
    private readonly NodeCache<PaperSetting, HierarchyResult> _hierarchies;
    private readonly NodeCache<PaperSetting, InterventionResult> _interventions;
    private readonly Lazy<ClaimsLedger> _ledger;
    private readonly Lazy<ClaimsLedger> _ledgerOverSeeds;
    private bool _extraSeed;

    /// <summary>Results over a session, for the paper's datasets (default) or others (e.g. the planted "synthetic" set).</summary>
    public PaperResults(ReproductionSession session, IReadOnlyList<string>? datasets = null, IReadOnlyList<RecommenderKind>? models = null)
    {
        Session = session ?? throw new ArgumentNullException(nameof(session));
        Datasets = datasets ?? PaperSetting.PaperDatasets;
        Models = models ?? PaperSetting.Models;
        Cells = [.. Datasets.SelectMany(d => Models.Select(m => session.Setting(d, m)))];
        KlTopKCells = [.. Cells.Where(c => c.Model == RecommenderKind.MF || c.Dataset == Datasets[0])];
        WideKlTopKCells = [.. Cells.Where(c => c.Model == RecommenderKind.MF && c.Dataset == Datasets[0])];
        HierarchyCells = [.. Cells.Where(c => c.Model == RecommenderKind.MF).OrderBy(c => c.Sae == SaeSettings.LastFmMf ? 0 : 1)];
        _learningRates = new(ComputeLearningRates);
        _accuracy = new(ComputeAccuracy);
        _health = new(ComputeHealth);
        _ablations = new(ComputeAblation);
        _klTopK = new(ComputeKlVersusTopK);
        _concepts = new(ComputeConcepts);
        _hierarchies = new(ComputeHierarchy);
        _interventions = new(ComputeInterventions);
        _ledger = new(() => ClaimsLedger.Rule(new LedgerEvidence(Cells, Concepts, Ablation, KlTopKComparisons, KlVersusTopK, Interventions, Hierarchy)));
        _ledgerOverSeeds = new(() => ClaimsLedger.Combine([.. LedgerSeeds.Select(seed => (seed, ForSeed(seed).Ledger()))]));
    }

    /// <summary>The datasets these results cover.</summary>
    public IReadOnlyList<string> Datasets { get; }

    /// <summary>The models these results cover.</summary>
    public IReadOnlyList<RecommenderKind> Models { get; }

    /// <summary>Whether every cell of the paper is covered, so the claims ledger can rule.</summary>
    public bool CoversThePaper => PaperSetting.PaperDatasets.All(Datasets.Contains) && PaperSetting.Models.All(Models.Contains);

    /// <summary>The results every test fixture shares.</summary>
    public static PaperResults Shared => LazyShared.Value;

    /// <summary>The trained state behind the results.</summary>
    public ReproductionSession Session { get; }

    /// <summary>The cells: datasets × models (the paper's four: (ML-1M, Last.FM) × (MF, NCF)).</summary>
    public IReadOnlyList<PaperSetting> Cells { get; }

    /// <summary>
    /// The cells the KL-versus-Top-K comparison runs on (the run's seed; the ledger repeats it over its seeds): every
    /// MF cell, so both datasets, and the first dataset's NCF.
    /// </summary>
    public IReadOnlyList<PaperSetting> KlTopKCells { get; }

    /// <summary>The cells the Matryoshka hierarchy runs on: the MF cells, the paper's Last.FM MF (m = 80) first.</summary>
    public IReadOnlyList<PaperSetting> HierarchyCells { get; }

    /// <summary>
    /// Every result as a named job, longest chains first (the NCF cells' β ablations start with the slowest
    /// recommender), so that running them side by side (<see cref="ComputeAll"/>, or the CLI's steps) keeps every core
    /// busy. Each job is memoised: running one twice, or two that share a model, trains it once. Without
    /// <paramref name="everything"/>, only the jobs behind the seed-variation table.
    /// </summary>
    public IReadOnlyList<ResultJob> Jobs(bool everything = true)
    {
        var jobs = new List<ResultJob>();
        foreach (var cell in Cells.OrderBy(c => c.Model == RecommenderKind.NCF ? 0 : 1).ThenBy(c => c.Dataset == Datasets[0] ? 0 : 1))
        {
            jobs.Add(new("β ablation " + cell.Label, () => Ablation(cell)));
        }
        if (everything)
        {
            jobs.AddRange(KlTopKComparisons.Select(c => new ResultJob($"KL vs Top-K {c.Cell.Label} m = {c.Cell.Sae.Latents * c.Width}", () => KlVersusTopK(c.Cell, c.Width))));
            jobs.AddRange(HierarchyCells.Select(c => new ResultJob("Matryoshka hierarchy " + c.Label, () => Hierarchy(c))));
        }
        if (everything && Datasets.Contains(LearningRateDataset) && Models.Contains(RecommenderKind.NCF) && !_extraSeed)
        {
            jobs.Insert(0, new("learning-rate demonstration (D8)", LearningRates));
        }
        jobs.Add(new("recommender accuracy", Accuracy));
        jobs.Add(new("SAE health", SaeHealth));
        jobs.AddRange(Cells.Select(c => new ResultJob("concepts " + c.Label, () => Concepts(c))));
        if (everything)
        {
            jobs.AddRange(Cells.Select(c => new ResultJob("interventions " + c.Label, () => Interventions(c))));
        }
        return jobs;
    }

    /// <summary>
    /// Runs every job of the given seeds (default: this run's seed only) on <paramref name="parallelism"/> threads
    /// (default: one per core); the results are the same for any schedule.
    /// </summary>
    public void ComputeAll(int parallelism = 0, bool everything = true, IReadOnlyList<ulong>? seeds = null) =>
        RunSideBySide([.. (seeds ?? [Session.Options.Seed]).SelectMany(seed => ForSeed(seed).Jobs(everything))],
            parallelism > 0 ? parallelism : Environment.ProcessorCount, job => job.Work());

    /// <summary>
    /// Runs <paramref name="jobs"/> through <paramref name="run"/> on <paramref name="parallelism"/> threads, each thread
    /// taking the next job of the list as it frees up (no buffering, so the longest chains listed first start first).
    /// </summary>
    public static void RunSideBySide(IReadOnlyList<ResultJob> jobs, int parallelism, Action<ResultJob> run)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(run);
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(jobs, System.Collections.Concurrent.EnumerablePartitionerOptions.NoBuffering),
            new ParallelOptions { MaxDegreeOfParallelism = parallelism }, run);
    }

    /// <summary>The seeds the suite's claims ledger is ruled over: this run's seed and the next two (a seed = split, recommenders and SAEs).</summary>
    public IReadOnlyList<ulong> LedgerSeeds => [Session.Options.Seed, Session.Options.Seed + 1, Session.Options.Seed + 2];

    /// <summary>The same datasets, models and options with another seed (made once; its models are disposed with this session).</summary>
    public PaperResults ForSeed(ulong seed) => seed == Session.Options.Seed ? this : _otherSeeds.GetOrAdd(seed, s => new Lazy<PaperResults>(() =>
    {
        var session = new ReproductionSession(Session.Options with { Seed = s }, Session.Progress);
        Session.Own(session);
        return new PaperResults(session, Datasets, Models) { _extraSeed = true };
    })).Value;

    /// <summary>The claims ledger ruled over <see cref="LedgerSeeds"/> (<see cref="ClaimsLedger.Combine"/>).</summary>
    public ClaimsLedger LedgerOverSeeds() => _ledgerOverSeeds.Value;

    /// <summary>The dataset of the learning-rate demonstration (D8 is about the ML-1M NCF).</summary>
    public const string LearningRateDataset = "ml-1m";

    /// <summary>Deviation D8 shown: the ML-1M NCF at the notebooks' lr 0.05 against lr 1e-3, a few epochs each.</summary>
    public LearningRateDemoResult LearningRates() => _learningRates.Value;

    /// <summary>Recommender accuracy on every dataset of these results, for the models they cover.</summary>
    public AccuracyResultTable Accuracy() => _accuracy.Value;

    /// <summary>Health and fidelity of the paper-setting SAEs (<see cref="HealthCells"/>).</summary>
    public SaeHealthResult SaeHealth() => _health.Value;

    /// <summary>
    /// The SAE health rows: every cell at its preset, plus ML-1M NCF at 3 of the notebooks' 18 aligned-pair epochs, so
    /// the effect of the suite's one-epoch budget is visible (the whole budget, <see cref="SaeSettings.Ml1mNcfPaperBudget"/>,
    /// would cost about 18 NCF SAEs' time, more than the rest of the suite).
    /// </summary>
    public IReadOnlyList<PaperSetting> HealthCells =>
        [.. Cells.SelectMany(c => c == PaperSetting.For(PaperSetting.PaperDatasets[0], RecommenderKind.NCF) && !_extraSeed
            ? new[] { c, c with { Sae = SaeSettings.Ml1mNcf with { Steps = 3 * SaeSettings.Ml1mNcfStepsPerEpoch, Name = "ml-1m NCF, 3 epochs" } } }
            : [c])];

    /// <summary>The β ablation of one cell (λ_pred ∈ {0, 1, 2, 5, 10}).</summary>
    public PredictionWeightAblationResult Ablation(PaperSetting cell) => _ablations[cell];

    /// <summary>
    /// Claim 6 asks for a latent width where dead latents can appear: at the paper's m (22 on ML-1M) neither
    /// sparsity leaves any, so every MF cell is also compared at this multiple of m.
    /// </summary>
    public const int WideFactor = 4;

    /// <summary>The cells also compared at <see cref="WideFactor"/> × m: the first dataset's MF (its SAEs are the cheapest).</summary>
    public IReadOnlyList<PaperSetting> WideKlTopKCells { get; }

    /// <summary>Every KL-versus-Top-K comparison: each cell at its paper m, <see cref="WideKlTopKCells"/> also at <see cref="WideFactor"/> × m.</summary>
    public IReadOnlyList<(PaperSetting Cell, int Width)> KlTopKComparisons =>
        [.. KlTopKCells.Select(c => (c, 1)), .. WideKlTopKCells.Select(c => (c, WideFactor))];

    /// <summary>KL versus Top-K at matched L0 on one cell with the run's seed, at <paramref name="width"/> × the paper's m.</summary>
    public KlVersusTopKResult KlVersusTopK(PaperSetting cell, int width = 1) => _klTopK[(cell, width)];

    /// <summary>Concept analyses of one cell's paper-setting SAE.</summary>
    public ConceptResult Concepts(PaperSetting cell) => _concepts[cell];

    /// <summary>The Matryoshka hierarchy of one cell.</summary>
    public HierarchyResult Hierarchy(PaperSetting cell) => _hierarchies[cell];

    /// <summary>Every intervention grid of one cell.</summary>
    public InterventionResult Interventions(PaperSetting cell) => _interventions[cell];

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
        foreach (string name in Datasets)
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
        var r = PredictionWeightAblation.Run(Session.Model(cell), Session.Split(cell.Dataset), cell.Sae, PredictionWeightAblation.PaperPredictionWeights, Session.Options.Seed, Session.SaeSweepSourceFor(cell));
        Session.Progress.Info($"β ablation: {cell.Label} done");
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
        var r = ConceptExperiment.Run(cell, Session.Data(cell.Dataset), Session.Model(cell), Session.PaperSae(cell));
        Session.Progress.Info($"concepts: {cell.Label} done");
        return r;
    }

    private HierarchyResult ComputeHierarchy(PaperSetting cell)
    {
        var sae = Session.MatryoshkaSae(cell, HierarchyExperiment.SettingsFor(cell), Session.Options.Seed);
        var r = HierarchyExperiment.Run(cell, Session.Data(cell.Dataset), Session.Model(cell), sae);
        Session.Progress.Info($"Matryoshka hierarchy: {cell.Label} done");
        return r;
    }

    private InterventionResult ComputeInterventions(PaperSetting cell)
    {
        var r = InterventionExperiment.Run(cell, Session.Data(cell.Dataset), Session.Split(cell.Dataset), Session.Model(cell), Session.PaperSae(cell), Concepts(cell).Report);
        Session.Progress.Info($"interventions: {cell.Label} done");
        return r;
    }

    /// <summary>The claims ledger: one verdict per claim of SPEC §7, each claim reading its series from the results above by name (needs every paper cell).</summary>
    public ClaimsLedger Ledger() => _ledger.Value;

}

/// <summary>One named unit of <see cref="PaperResults"/> (an experiment over its cells); its result is memoised.</summary>
/// <param name="Name">The step's name, as progress and failures show it.</param>
/// <param name="Work">Computes (or returns the memoised) result.</param>
public sealed record ResultJob(string Name, Func<object> Work);
