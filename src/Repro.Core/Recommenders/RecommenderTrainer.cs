using System.Globalization;
using Repro.Data;
using TorchSharp;
using static Repro.Scalars;
using static TorchSharp.torch;

namespace Repro.Recommenders;

/// <summary>One training step's report, for progress displays.</summary>
/// <param name="Epoch">0-based epoch.</param>
/// <param name="Step">0-based step within the epoch.</param>
/// <param name="StepsPerEpoch">Steps in this epoch.</param>
/// <param name="Loss">Mean binary cross-entropy of the step's samples.</param>
public readonly record struct TrainingProgress(int Epoch, int Step, int StepsPerEpoch, double Loss);

/// <summary>A trained, frozen recommender and its per-epoch mean training loss.</summary>
public sealed record TrainedRecommender(ITwoTower Model, RecommenderSettings Settings, IReadOnlyList<double> EpochLosses);

/// <summary>Thrown when a loss or weight stops being finite: training stops instead of producing garbage.</summary>
public sealed class NonFiniteTrainingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NonFiniteTrainingException(int epoch, int step, string what, double value)
        : base(string.Create(CultureInfo.InvariantCulture, $"Non-finite {what} = {value} at epoch {epoch}, step {step}: training stopped (lower the learning rate?)."))
    {
        Epoch = epoch;
        Step = step;
        Value = value;
    }

    /// <summary>Creates an exception with a message only.</summary>
    public NonFiniteTrainingException() { }

    /// <summary>Creates an exception with a message only.</summary>
    public NonFiniteTrainingException(string message) : base(message) { }

    /// <summary>Creates an exception with a message and an inner exception.</summary>
    public NonFiniteTrainingException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>0-based epoch of the failure.</summary>
    public int Epoch { get; }

    /// <summary>0-based step within the epoch.</summary>
    public int Step { get; }

    /// <summary>The offending value.</summary>
    public double Value { get; }
}

/// <summary>
/// Trains MF or NCF on a split (SPEC §3): per epoch fresh negatives and a fresh order from
/// <see cref="Split.SampleEpoch"/>, mini-batches, the mean loss per epoch recorded. Every random draw derives
/// from <see cref="RecommenderSettings.Seed"/>, so equal settings, threads and kernel family give identical weights.
/// </summary>
public static class RecommenderTrainer
{
    /// <summary>
    /// Version of the training procedures (MF's SGD, NCF's Adam loop, initialisation, negative sampling). Part of
    /// every recommender's cache key: bump it whenever a change here changes what training produces.
    /// </summary>
    public const string Version = "recommender-trainer-2";

    /// <summary>Steps between two progress reports (NCF reads its loss back only then).</summary>
    public const int ReportEvery = 50;

    /// <summary>Trains a model on <paramref name="device"/> and returns it frozen.</summary>
    public static TrainedRecommender Train(RecDataset data, Split split, RecommenderSettings settings, torch.Device device, Action<TrainingProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(device);
        settings.Validate();
        return settings.IsMatrixFactorization() ? TrainMf(data, split, settings, progress, device) : TrainNcf(data, split, settings, progress, device);
    }

    private static TrainedRecommender TrainMf(RecDataset data, Split split, RecommenderSettings s, Action<TrainingProgress>? progress, torch.Device device)
    {
        int users = data.UserCount, items = data.ItemCount, k = s.Dim;
        float[] p, q, bu, bi;
        using (var init = new MatrixFactorization(users, items, k, s.Seed))
        {
            (p, q, bu, bi) = init.ToArrays();
        }
        var sgd = new MatrixFactorizationSgd(p, q, bu, bi, k, s.LearningRate, s.L2);
        var rng = SeededRandom.For(s.Seed, "recommender-epochs");
        var losses = new List<double>();
        for (int epoch = 0; epoch < s.Epochs; epoch++)
        {
            var samples = split.SampleEpoch(rng);
            int steps = (samples.Count + s.BatchSize - 1) / s.BatchSize;
            double total = 0;
            int since = 0;
            for (int step = 0; step < steps; step++)
            {
                int start = step * s.BatchSize, count = Math.Min(s.BatchSize, samples.Count - start);
                double loss = sgd.Step(samples.Users, samples.Items, samples.Labels, start, count) / count;
                if (!double.IsFinite(loss))
                {
                    throw new NonFiniteTrainingException(epoch, step, "loss", loss);
                }
                total += loss * count;
                if (progress is not null && (++since == ReportEvery || step == steps - 1))
                {
                    progress(new TrainingProgress(epoch, step, steps, loss));
                    since = 0;
                }
            }
            if (sgd.FirstNonFinite() is { } bad)
            {
                throw new NonFiniteTrainingException(epoch, steps - 1, "weight " + bad.Where, bad.Value);
            }
            losses.Add(total / Math.Max(1, samples.Count));
        }
        var model = new MatrixFactorization(p, q, bu, bi, users, items, k, device);
        return new TrainedRecommender(model, s, losses);
    }

    private static TrainedRecommender TrainNcf(RecDataset data, Split split, RecommenderSettings s, Action<TrainingProgress>? progress, torch.Device device)
    {
        var model = new NeuralCollaborativeFiltering(data.UserCount, data.ItemCount, s.Dim, s.Seed, device);
        try
        {
            using var optimizer = new LeanAdam(model.parameters(), s.LearningRate);
            var rng = SeededRandom.For(s.Seed, "recommender-epochs");
            var losses = new List<double>();
            for (int epoch = 0; epoch < s.Epochs; epoch++)
            {
                var samples = split.SampleEpoch(rng);
                int steps = (samples.Count + s.BatchSize - 1) / s.BatchSize;
                using var allUsers = tensor(samples.Users, dtype: ScalarType.Int64, device: device);
                using var allItems = tensor(samples.Items, dtype: ScalarType.Int64, device: device);
                using var allLabels = tensor(samples.Labels, device: device);
                // The loss is summed on the device and read back every ReportEvery steps and at the epoch's end:
                // no host sync per step (STACK.md, GPU).
                using var sum = zeros([], dtype: ScalarType.Float32, device: device);
                using var chunk = zeros([], dtype: ScalarType.Float32, device: device);
                int since = 0;
                for (int step = 0; step < steps; step++)
                {
                    using (var scope = NewDisposeScope())
                    {
                        int start = step * s.BatchSize, count = Math.Min(s.BatchSize, samples.Count - start);
                        optimizer.ZeroGrad();
                        Tensor logits = model.forward(allUsers.narrow(0, start, count), allItems.narrow(0, start, count));
                        Tensor loss = nn.functional.binary_cross_entropy_with_logits(logits, allLabels.narrow(0, start, count));
                        loss.backward();
                        optimizer.Step();
                        using (no_grad())
                        {
                            using Scalar samplesInStep = count;
                            sum.add_(loss.detach().mul(samplesInStep), One);
                            chunk.add_(loss.detach(), One);
                        }
                    }
                    if (progress is not null && (++since == ReportEvery || step == steps - 1))
                    {
                        progress(new TrainingProgress(epoch, step, steps, chunk.item<float>() / since));
                        Owned.Scoped(() => chunk.zero_());
                        since = 0;
                    }
                }
                double total = sum.item<float>();
                if (!double.IsFinite(total))
                {
                    throw new NonFiniteTrainingException(epoch, steps - 1, "epoch loss", total);
                }
                losses.Add(total / Math.Max(1, samples.Count));
            }
            model.Freeze();
            model.eval();
            return new TrainedRecommender(model, s, losses);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }
}
