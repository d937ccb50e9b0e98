using System.Collections.Concurrent;
using Repro.Claims;
using Repro.Data;
using Repro.Experiments;
using Repro.Recommenders;

namespace Repro.Orchestration;

/// <summary>One named unit of <see cref="PaperResults"/> (an experiment over its cells); its result is memoised.</summary>
/// <param name="Name">The step's name, as progress and failures show it.</param>
/// <param name="Work">Computes (or returns the memoised) result.</param>
public sealed record ResultJob(string Name, Func<object> Work);

/// <summary>A job that failed: its step's name and the node failure (the node, the step it failed in, the error).</summary>
/// <param name="Step">The job's name.</param>
/// <param name="Error">What failed.</param>
public sealed record StepFailure(string Step, Exception Error);

/// <summary>
/// What a run computes and in which order: every result of <see cref="PaperResults"/> as a job, longest chains first
/// (the NCF cells' λ_pred ablations start with the slowest recommender) so that running them side by side keeps every core
/// busy. The claims read these results by name (<see cref="LedgerEvidence"/>); which comparisons claim 6 needs is
/// declared by the claim (<see cref="FewerDeadLatentsClaim.ComparisonsOf"/>) and only read here.
/// </summary>
public static class RunPlan
{
    /// <summary>
    /// The jobs of one seed's results. Without <paramref name="everything"/>, only the jobs behind the seed-variation
    /// table. Each job is memoised: running one twice, or two that share a model, makes it once.
    /// </summary>
    public static IReadOnlyList<ResultJob> Jobs(PaperResults results, bool everything = true)
    {
        ArgumentNullException.ThrowIfNull(results);
        var r = results;
        var jobs = new List<ResultJob>();
        foreach (var cell in r.Cells.OrderBy(c => c.Model == RecommenderKind.NCF ? 0 : 1).ThenBy(c => c.Dataset == r.Datasets[0] ? 0 : 1))
        {
            jobs.Add(new("λ_pred ablation " + cell.Label, () => r.Ablation(cell)));
        }
        if (everything)
        {
            jobs.AddRange(r.KlTopKComparisons.Select(c => new ResultJob($"KL vs Top-K {c.Cell.Label} m = {c.Cell.Sae.Latents * c.Width}", () => r.KlVersusTopK(c.Cell, c.Width))));
            jobs.AddRange(r.HierarchyCells.Select(c => new ResultJob("Matryoshka hierarchy " + c.Label, () => r.Hierarchy(c))));
        }
        if (everything && r.Datasets.Contains(PaperResults.LearningRateDataset) && r.Models.Contains(RecommenderKind.NCF) && !r.IsExtraSeed)
        {
            jobs.Insert(0, new("learning-rate demonstration (D8)", r.LearningRates));
        }
        jobs.Add(new("recommender accuracy", r.Accuracy));
        jobs.Add(new("SAE health", r.SaeHealth));
        jobs.AddRange(r.Cells.Select(c => new ResultJob("concepts " + c.Label, () => r.Concepts(c))));
        if (everything)
        {
            jobs.AddRange(r.Cells.Select(c => new ResultJob("interventions " + c.Label, () => r.Interventions(c))));
        }
        return jobs;
    }

    /// <summary>The KL-versus-Top-K comparisons of a run over <paramref name="cells"/> (claim 6's own list of them).</summary>
    public static IReadOnlyList<(PaperSetting Cell, int Width)> KlVersusTopKComparisons(IReadOnlyList<PaperSetting> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        return [.. FewerDeadLatentsClaim.ComparisonsOf([.. cells.Select(c => (c.Dataset, c.Model))])
            .Select(c => (cells.First(cell => cell.Dataset == c.Dataset && cell.Model == c.Model), c.Width))];
    }

    /// <summary>
    /// Runs <paramref name="jobs"/> through <paramref name="run"/> on <paramref name="parallelism"/> threads, each thread
    /// taking the next job of the list as it frees up (no buffering, so the longest chains listed first start first),
    /// each as its own <see cref="RunStep"/>. A job that throws fails alone: the rest still run, and the failures are
    /// returned in the jobs' order.
    /// </summary>
    public static IReadOnlyList<StepFailure> Run(IReadOnlyList<ResultJob> jobs, int parallelism, Action<ResultJob> run)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(run);
        var failures = new ConcurrentDictionary<int, StepFailure>();
        var indexed = jobs.Select((job, index) => (job, index)).ToList();
        Parallel.ForEach(Partitioner.Create(indexed, EnumerablePartitionerOptions.NoBuffering),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) }, item =>
            {
                try
                {
                    RunStep.In(item.job.Name, () =>
                    {
                        run(item.job);
                        return true;
                    });
                }
                catch (Exception e)
                {
                    failures[item.index] = new StepFailure(item.job.Name, e);
                }
            });
        return [.. failures.OrderBy(f => f.Key).Select(f => f.Value)];
    }
}
