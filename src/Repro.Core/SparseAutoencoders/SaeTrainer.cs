using System.Globalization;
using Repro.Data;
using Repro.Recommenders;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.SparseAutoencoders;

/// <summary>Mean loss terms over the steps since the previous report, for progress displays and loss curves.</summary>
/// <param name="Step">Steps done so far (1-based: the last step of the reported chunk).</param>
/// <param name="Steps">The training's whole budget.</param>
/// <param name="Total">Weighted total.</param>
/// <param name="Embedding">Embedding reconstruction term (unweighted).</param>
/// <param name="Prediction">Prediction term (unweighted).</param>
/// <param name="L1">L1 term (unweighted).</param>
/// <param name="Kl">KL term (unweighted).</param>
public sealed record SaeProgress(int Step, int Steps, double Total, double Embedding, double Prediction, double L1, double Kl);

/// <summary>
/// Trains SAEs on a frozen recommender's embeddings (SPEC §4): Adam for <see cref="SaeSettings.Steps"/> steps, batches
/// drawn as the notebooks draw them (<see cref="SaeSchedule"/>). One loop for every variant and every sweep: the SAE's
/// own objective (<see cref="TiedSparseAutoencoder.Terms"/>) computes each member's terms, <see cref="SaeLoss"/> weighs
/// them, and a sweep of S settings that differ only in their loss weights is one SAE of S members: one batch stream,
/// the frozen model's targets computed once, one backward and one Adam step for all. Its members never mix, so each is
/// bit-identical to the SAE its settings train alone (tested). Deterministic given the seed; every tensor lives on the
/// recommender's device. A step reads nothing back to the host: the loss terms are summed on the device and read every
/// <see cref="ReportEvery"/> steps (progress and the finiteness guard), and each pass's indices are made once.
/// </summary>
public static class SaeTrainer
{
    /// <summary>
    /// Version of the training procedure (schedule, objective, initialisation, optimiser). Part of every SAE's cache key:
    /// bump it whenever a change here, in a loss term or in an SAE variant changes what training produces (a golden
    /// weights test fails until you do).
    /// </summary>
    public const string Version = "sae-trainer-4";

    /// <summary>Steps between two host reads of the loss (progress and the finiteness guard).</summary>
    public const int ReportEvery = 50;

    /// <summary>Trains and returns the SAE variant chosen by <see cref="SparseAutoencoderFactory"/>, on the model's device.</summary>
    /// <exception cref="InvalidOperationException">A loss term became non-finite; the message names the steps and the term.</exception>
    public static TiedSparseAutoencoder Train(ITwoTower model, Split split, SaeSettings settings, ulong seed, Action<SaeProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Train(model, split, [settings], seed, progress is null ? null : (_, p) => progress(p))[0];
    }

    /// <summary>
    /// Trains one SAE per entry of <paramref name="members"/> as one SAE of that many members, with one seed, and returns
    /// them as lone SAEs in the given order, on the model's device; the caller owns them.
    /// </summary>
    /// <param name="model">The frozen recommender.</param>
    /// <param name="split">Its split (the SAE-training users).</param>
    /// <param name="members">Settings that agree on everything but the four loss weights (<see cref="RequireSweepable"/>).</param>
    /// <param name="seed">The seed every member shares: the same initial weights and the same batches.</param>
    /// <param name="progress">Called with the member index and its <see cref="SaeProgress"/> at every report.</param>
    /// <exception cref="ArgumentException">The settings differ in a field other than the loss weights (named).</exception>
    /// <exception cref="InvalidOperationException">A loss term of some member became non-finite; the message names the member, the steps and the term.</exception>
    public static IReadOnlyList<TiedSparseAutoencoder> Train(ITwoTower model, Split split, IReadOnlyList<SaeSettings> members, ulong seed, Action<int, SaeProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(split);
        RequireSweepable(members);
        var sae = Create(model, members[0], seed, members.Count);
        try
        {
            Fit(sae, model, split, members, seed, progress);
            if (members.Count == 1)
            {
                return [sae];
            }
            var lone = new List<TiedSparseAutoencoder>(members.Count);
            try
            {
                for (int s = 0; s < members.Count; s++)
                {
                    lone.Add(Create(model, members[s], seed, 1));
                    sae.CopyMemberTo(s, lone[s]);
                    lone[s].eval();
                }
            }
            catch
            {
                lone.ForEach(l => l.Dispose());
                throw;
            }
            sae.Dispose();
            return lone;
        }
        catch
        {
            sae.Dispose();
            throw;
        }
    }

    /// <summary>The untrained SAE of a training with these settings and seed (<paramref name="members"/> side by side), on the model's device.</summary>
    internal static TiedSparseAutoencoder Create(ITwoTower model, SaeSettings settings, ulong seed, int members = 1) =>
        SparseAutoencoderFactory.Create(model.Kind, model.Dim, settings, SeededRandom.For(seed, "sae-init").NextSeed(), model.UserVectors.device, members);

    /// <summary>
    /// A source that trains every request afresh without caching (tests, benchmarks); its SAEs are left to the
    /// garbage collector, so use it only for a handful of small models.
    /// </summary>
    public static SaeSource Uncached(ITwoTower model, Split split) => (settings, seed) => Train(model, split, settings, seed);

    /// <summary>
    /// A sweep source that trains every requested sweep afresh as one SAE of several members, without caching (tests,
    /// benchmarks); its SAEs are left to the garbage collector, so use it only for a handful of small models.
    /// </summary>
    public static SaeSweepSource UncachedSweep(ITwoTower model, Split split) => (sweep, seed) => Train(model, split, sweep, seed);

    /// <summary>
    /// Throws unless the settings are valid and agree on every field but <see cref="SaeSettings.EmbeddingWeight"/>,
    /// <see cref="SaeSettings.PredictionWeight"/>, <see cref="SaeSettings.L1Weight"/> and
    /// <see cref="SaeSettings.KlWeight"/>, naming the first field (in the record's order) where an entry differs from
    /// the first. <see cref="SaeSettings.Name"/> is a table label that shapes no training, so it may differ.
    /// </summary>
    /// <exception cref="ArgumentException">The list is empty, an entry is invalid, or an entry differs in a field that shapes training.</exception>
    public static void RequireSweepable(IReadOnlyList<SaeSettings> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (members.Count == 0)
        {
            throw new ArgumentException("A sweep needs at least one SAE setting.", nameof(members));
        }
        var first = members[0];
        for (int k = 0; k < members.Count; k++)
        {
            ArgumentNullException.ThrowIfNull(members[k], nameof(members));
            members[k].Validate();
            var aligned = members[k] with
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
                    nameof(members));
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

    private static void Fit(TiedSparseAutoencoder sae, ITwoTower model, Split split, IReadOnlyList<SaeSettings> members, ulong seed, Action<int, SaeProgress>? progress)
    {
        var shared = members[0];
        var form = PredictionLoss.Resolve(shared.Prediction, model.Kind);
        using var batches = SaeBatchStreams.For(model, split, shared, seed);
        sae.train();
        // LeanAdam computes what TorchSharp's optim.Adam computes (same ops, same order) without its Scalar temporaries;
        // it works per element, so the members of a stacked SAE do not meet in it either.
        using var optimizer = new LeanAdam(sae.parameters(), shared.LearningRate);
        using var loss = new SaeLoss(members);
        using var log = new SaeLossLog(members.Count, shared.Steps, model.UserVectors.device);
        for (int step = 1; step <= shared.Steps; step++)
        {
            using (var scope = NewDisposeScope())
            {
                var (uIdx, iIdx) = batches.Next();
                var terms = loss.Combine(sae.Terms(SaeBatch.Of(model, form, uIdx, iIdx), loss.Kl));
                optimizer.ZeroGrad();
                // Each member's total gets gradient 1 through the sum, as backward() on it alone would seed it.
                terms.Total.sum().backward();
                optimizer.Step();
                log.Add(terms);
            }
            if (log.After(step, s => members.Count == 1 ? "" : Member(s, members[s])) is { } reports)
            {
                for (int s = 0; s < reports.Length; s++)
                {
                    progress?.Invoke(s, reports[s]);
                }
            }
        }
        sae.eval();
    }

    /// <summary>Names member <paramref name="index"/> and its loss weights in a divergence message.</summary>
    internal static string Member(int index, SaeSettings settings) => string.Create(CultureInfo.InvariantCulture,
        $" of sweep member {index} (λ_emb={settings.EmbeddingWeight}, λ_pred={settings.PredictionWeight}, λ_L1={settings.L1Weight}, λ_KL={settings.KlWeight})");
}
