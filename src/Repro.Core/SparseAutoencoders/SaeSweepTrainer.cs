using System.Globalization;
using Repro.Data;
using Repro.Recommenders;
using static TorchSharp.torch;

namespace Repro.SparseAutoencoders;

/// <summary>
/// Trains the SAEs of a loss-weight sweep (the β ablation's λ_pred grid, say) in lockstep: one batch stream, each
/// step's vectors gathered once and the frozen model's prediction targets computed once, every SAE's own forward
/// and loss, one backward of their sum and one Adam step over all their parameters. An SAE's parameters appear only
/// in its own loss and Adam works per parameter, so on the CPU each SAE comes out bit-identical to
/// <see cref="SaeTrainer.Train"/> with its settings and the same seed; what is shared is the per-step work outside
/// the SAEs (indices, gathers, targets, optimiser and host reads).
/// </summary>
public static class SaeSweepTrainer
{
    /// <summary>
    /// Trains one SAE per entry of <paramref name="sweep"/> with one seed and returns them in the sweep's order, on the
    /// model's device; the caller owns them.
    /// </summary>
    /// <param name="model">The frozen recommender.</param>
    /// <param name="split">Its split (the SAE-training users).</param>
    /// <param name="sweep">Settings that agree on everything but the four loss weights (<see cref="RequireSweepable"/>).</param>
    /// <param name="seed">The seed every SAE shares: the same initial weights and the same batches.</param>
    /// <param name="progress">Called with the sweep index and that SAE's <see cref="SaeProgress"/> at every report.</param>
    /// <exception cref="ArgumentException">The settings differ in a field other than the loss weights (named).</exception>
    /// <exception cref="InvalidOperationException">A loss term of some SAE became non-finite; the message names the SAE, the steps and the term.</exception>
    public static IReadOnlyList<TiedSparseAutoencoder> Train(ITwoTower model, Split split, IReadOnlyList<SaeSettings> sweep, ulong seed, Action<int, SaeProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(split);
        RequireSweepable(sweep);
        return CreateAndFit(model, sweep, seed, saes => Fit(saes, model, split, sweep, seed, progress));
    }

    /// <summary>Creates the sweep's SAEs from the seed and fits them with <paramref name="fit"/>; on failure disposes every one made.</summary>
    internal static IReadOnlyList<TiedSparseAutoencoder> CreateAndFit(ITwoTower model, IReadOnlyList<SaeSettings> sweep, ulong seed, Action<List<TiedSparseAutoencoder>> fit)
    {
        var saes = new List<TiedSparseAutoencoder>(sweep.Count);
        try
        {
            foreach (var settings in sweep)
            {
                saes.Add(SaeTrainer.Create(model, settings, seed));
            }
            fit(saes);
        }
        catch
        {
            foreach (var sae in saes)
            {
                sae.Dispose();
            }
            throw;
        }
        return saes;
    }

    /// <summary>
    /// A source that trains every requested sweep afresh without caching (tests, benchmarks); its SAEs are left to the
    /// garbage collector, so use it only for a handful of small models.
    /// </summary>
    public static SaeSweepSource Uncached(ITwoTower model, Split split) => (sweep, seed) => Train(model, split, sweep, seed);

    /// <summary>
    /// Throws unless the settings are valid and agree on every field but <see cref="SaeSettings.EmbeddingWeight"/>,
    /// <see cref="SaeSettings.PredictionWeight"/>, <see cref="SaeSettings.L1Weight"/> and
    /// <see cref="SaeSettings.KlWeight"/>, naming the first field (in the record's order) where an entry differs from
    /// the first. <see cref="SaeSettings.Name"/> is a table label that shapes no training, so it may differ.
    /// </summary>
    /// <exception cref="ArgumentException">The sweep is empty, an entry is invalid, or an entry differs in a field that shapes training.</exception>
    public static void RequireSweepable(IReadOnlyList<SaeSettings> sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        if (sweep.Count == 0)
        {
            throw new ArgumentException("A sweep needs at least one SAE setting.", nameof(sweep));
        }
        var first = sweep[0];
        for (int k = 0; k < sweep.Count; k++)
        {
            ArgumentNullException.ThrowIfNull(sweep[k], nameof(sweep));
            sweep[k].Validate();
            var aligned = sweep[k] with
            {
                EmbeddingWeight = first.EmbeddingWeight,
                PredictionWeight = first.PredictionWeight,
                L1Weight = first.L1Weight,
                KlWeight = first.KlWeight,
                Name = first.Name,
            };
            if (aligned != first)
            {
                var field = FirstDifference(first, aligned);
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"The SAEs of a sweep may differ only in their loss weights, but settings {k} has {field.Name} = {field.Value ?? "null"} where settings 0 has {field.First ?? "null"}."),
                    nameof(sweep));
            }
        }
    }

    // The record's fields in declaration order are its primary constructor's parameters (the widest constructor; the
    // other is the compiler's copy constructor).
    private static (string Name, object? Value, object? First) FirstDifference(SaeSettings first, SaeSettings other)
    {
        var type = typeof(SaeSettings);
        var fields = type.GetConstructors().MaxBy(c => c.GetParameters().Length)!.GetParameters();
        foreach (var field in fields)
        {
            var property = type.GetProperty(field.Name!)!;
            object? a = property.GetValue(first), b = property.GetValue(other);
            if (!Equals(a, b))
            {
                return (field.Name!, b, a);
            }
        }
        throw new InvalidOperationException("Settings compare unequal but no field differs.");
    }

    private static void Fit(List<TiedSparseAutoencoder> saes, ITwoTower model, Split split, IReadOnlyList<SaeSettings> sweep, ulong seed, Action<int, SaeProgress>? progress)
    {
        var shared = sweep[0];
        var form = PredictionLoss.Resolve(shared.Prediction, model.Kind);
        using var batches = SaeBatchStreams.For(model, split, shared, seed);
        Tensor allUsers = model.UserVectors, allItems = model.ItemVectors;

        foreach (var sae in saes)
        {
            sae.train();
        }
        using var optimizer = new LeanAdam(saes.SelectMany(s => s.parameters()), shared.LearningRate);
        var losses = sweep.Select(s => new SaeLoss(s)).ToArray();
        try
        {
            using var log = new SaeLossLog(saes.Count, shared.Steps, allUsers.device);
            var terms = new SaeLossTerms[saes.Count];
            for (int step = 1; step <= shared.Steps; step++)
            {
                using (var scope = NewDisposeScope())
                {
                    var (uIdx, iIdx) = batches.Next();
                    Tensor u = allUsers.index_select(0, uIdx), i = allItems.index_select(0, iIdx);
                    Tensor target = PredictionLoss.Target(model, form, uIdx, u, iIdx, i);
                    for (int s = 0; s < saes.Count; s++)
                    {
                        terms[s] = SaeTrainer.StepLoss(saes[s], losses[s], model, form, uIdx, u, iIdx, i, target);
                    }
                    optimizer.ZeroGrad();
                    // Each total's gradient through the sum is exactly 1, as backward() on it alone would seed it.
                    stack(terms.Select(t => t.Total).ToArray()).sum().backward();
                    optimizer.Step();
                    log.Add(terms);
                }
                if (log.After(step, s => Member(s, sweep[s])) is { } reports)
                {
                    for (int s = 0; s < reports.Length; s++)
                    {
                        progress?.Invoke(s, reports[s]);
                    }
                }
            }
        }
        finally
        {
            foreach (var loss in losses)
            {
                loss.Dispose();
            }
        }
        foreach (var sae in saes)
        {
            sae.eval();
        }
    }

    /// <summary>Names sweep member <paramref name="index"/> and its loss weights in a divergence message.</summary>
    internal static string Member(int index, SaeSettings settings) => string.Create(CultureInfo.InvariantCulture,
        $" of sweep member {index} (λ_emb={settings.EmbeddingWeight}, λ_pred={settings.PredictionWeight}, λ_L1={settings.L1Weight}, λ_KL={settings.KlWeight})");
}
