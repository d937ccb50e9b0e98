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
/// Trains one SAE on a frozen recommender's embeddings (SPEC §4): Adam for <see cref="SaeSettings.Steps"/> steps,
/// batches drawn as the notebooks draw them (<see cref="SaeSchedule"/>). Deterministic given the seed; every tensor
/// lives on the recommender's device. A step reads nothing back to the host: the loss terms are summed on the
/// device and read every <see cref="ReportEvery"/> steps (progress and the finiteness guard), and each pass's
/// indices are made once, on the device.
/// </summary>
public static class SaeTrainer
{
    /// <summary>
    /// Version of the training procedure (schedule, loss assembly, initialisation). Part of every SAE's cache key:
    /// bump it whenever a change here, in a loss term or in an SAE variant changes what training produces.
    /// </summary>
    public const string Version = "sae-trainer-3";

    /// <summary>Steps between two host reads of the loss (progress and the finiteness guard).</summary>
    public const int ReportEvery = 50;

    /// <summary>Trains and returns the SAE variant chosen by <see cref="SparseAutoencoderFactory"/>, on the model's device.</summary>
    /// <exception cref="InvalidOperationException">A loss term became non-finite; the message names the steps and the term.</exception>
    public static TiedSparseAutoencoder Train(ITwoTower model, Split split, SaeSettings settings, ulong seed, Action<SaeProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(settings);
        var sae = Create(model, settings, seed);
        try
        {
            Fit(sae, model, split, settings, seed, progress);
        }
        catch
        {
            sae.Dispose();
            throw;
        }
        return sae;
    }

    /// <summary>The untrained SAE of a training with these settings and seed, on the model's device.</summary>
    internal static TiedSparseAutoencoder Create(ITwoTower model, SaeSettings settings, ulong seed) =>
        SparseAutoencoderFactory.Create(model.Kind, model.Dim, settings, SeededRandom.For(seed, "sae-init").NextSeed(), model.UserVectors.device);

    /// <summary>
    /// One SAE's loss on a step's batch: its codes and reconstructions of the gathered vectors, scored against the
    /// frozen model's <paramref name="target"/> (<see cref="PredictionLoss.Target"/> of the same batch).
    /// </summary>
    internal static SaeLossTerms StepLoss(TiedSparseAutoencoder sae, SaeLoss loss, ITwoTower model, PredictionLossForm form, Tensor userIndex, Tensor users, Tensor itemIndex, Tensor items, Tensor target)
    {
        Tensor zU = sae.Encode(users), zI = sae.Encode(items);
        Tensor uHat = sae.Decode(zU, users), iHat = sae.Decode(zI, items);
        Tensor embedding = sae.EmbeddingLoss(zU, users, uHat, zI, items, iHat);
        Tensor prediction = PredictionLoss.Against(model, form, target, userIndex, uHat, itemIndex, iHat);
        return loss.Combine(embedding, prediction, zU, zI);
    }

    private static void Fit(TiedSparseAutoencoder sae, ITwoTower model, Split split, SaeSettings settings, ulong seed, Action<SaeProgress>? progress)
    {
        var form = PredictionLoss.Resolve(settings.Prediction, model.Kind);
        using var batches = SaeBatchStreams.For(model, split, settings, seed);
        Tensor allUsers = model.UserVectors, allItems = model.ItemVectors;

        sae.train();
        // LeanAdam computes what TorchSharp's optim.Adam computes (same ops, same order) without its Scalar temporaries.
        using var optimizer = new LeanAdam(sae.parameters(), settings.LearningRate);
        using var loss = new SaeLoss(settings);
        using var log = new SaeLossLog(1, settings.Steps, allUsers.device);
        for (int step = 1; step <= settings.Steps; step++)
        {
            using (var scope = NewDisposeScope())
            {
                var (uIdx, iIdx) = batches.Next();
                Tensor u = allUsers.index_select(0, uIdx), i = allItems.index_select(0, iIdx);
                Tensor target = PredictionLoss.Target(model, form, uIdx, u, iIdx, i);
                var terms = StepLoss(sae, loss, model, form, uIdx, u, iIdx, i, target);
                optimizer.ZeroGrad();
                terms.Total.backward();
                optimizer.Step();
                log.Add([terms]);
            }
            if (log.After(step, _ => "") is { } report)
            {
                progress?.Invoke(report[0]);
            }
        }
        sae.eval();
    }

    /// <summary>
    /// A source that trains every request afresh without caching (tests, benchmarks); its SAEs are left to the
    /// garbage collector, so use it only for a handful of small models.
    /// </summary>
    public static SaeSource Uncached(ITwoTower model, Split split) => (settings, seed) => Train(model, split, settings, seed);
}
