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
    public const string Version = "sae-trainer-2";

    /// <summary>Steps between two host reads of the loss (progress and the finiteness guard).</summary>
    public const int ReportEvery = 50;

    /// <summary>Trains and returns the SAE variant chosen by <see cref="SparseAutoencoderFactory"/>, on the model's device.</summary>
    /// <exception cref="InvalidOperationException">A loss term became non-finite; the message names the steps and the term.</exception>
    public static TiedSparseAutoencoder Train(ITwoTower model, Split split, SaeSettings settings, ulong seed, Action<SaeProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(settings);
        var sae = SparseAutoencoderFactory.Create(model.Kind, model.Dim, settings, SeededRandom.For(seed, "sae-init").NextSeed(), model.UserVectors.device);
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

    private static void Fit(TiedSparseAutoencoder sae, ITwoTower model, Split split, SaeSettings settings, ulong seed, Action<SaeProgress>? progress)
    {
        if (split.SaeTrainUsers.Length == 0)
        {
            throw new ArgumentException("The split has no SAE-training users.", nameof(split));
        }
        var form = PredictionLoss.Resolve(settings.Prediction, model.Kind);
        IBatchStream batches = settings.ScheduleFor(model.Kind) == SaeSchedule.UserItemStreams
            ? new UserItemStreams(split, model, settings, seed)
            : new AlignedPairs(split, model, settings, seed);
        Tensor allUsers = model.UserVectors, allItems = model.ItemVectors;
        var device = allUsers.device;

        sae.train();
        using var optimizer = optim.Adam(sae.parameters(), settings.LearningRate);
        using var sums = zeros(5, dtype: ScalarType.Float32, device: device);
        int since = 0;
        for (int step = 1; step <= settings.Steps; step++)
        {
            using (var scope = NewDisposeScope())
            {
                var (uIdx, iIdx) = batches.Next();
                Tensor u = allUsers.index_select(0, uIdx), i = allItems.index_select(0, iIdx);
                Tensor zU = sae.Encode(u), zI = sae.Encode(i);
                Tensor uHat = sae.Decode(zU, u), iHat = sae.Decode(zI, i);
                Tensor embedding = sae.EmbeddingLoss(zU, u, uHat, zI, i, iHat);
                Tensor prediction = form switch
                {
                    PredictionLossForm.BlockLogitMse => PredictionLoss.Block(model, uIdx, u, uHat, iIdx, i, iHat),
                    _ => PredictionLoss.Pairs(model, uIdx, u, uHat, iIdx, i, iHat, bce: form == PredictionLossForm.PairBce),
                };
                var terms = SaeLoss.Combine(settings, embedding, prediction, zU, zI);
                optimizer.zero_grad();
                terms.Total.backward();
                optimizer.step();
                using (no_grad())
                {
                    sums.add_(stack([terms.Total, terms.Embedding, terms.Prediction, terms.L1, terms.Kl]).detach());
                }
            }
            since++;
            if (since == ReportEvery || step == settings.Steps)
            {
                var mean = Read(sums, since);
                GuardFinite(mean, step - since + 1, step);
                progress?.Invoke(new SaeProgress(step, settings.Steps, mean[0], mean[1], mean[2], mean[3], mean[4]));
                sums.zero_();
                since = 0;
            }
        }
        batches.Dispose();
        sae.eval();
    }

    private static double[] Read(Tensor sums, int count)
    {
        using var cpu = sums.cpu();
        return [.. cpu.data<float>().ToArray().Select(v => (double)v / count)];
    }

    private static void GuardFinite(double[] mean, int first, int last)
    {
        string[] names = ["total", "embedding", "prediction", "L1", "KL"];
        for (int k = 0; k < names.Length; k++)
        {
            if (!double.IsFinite(mean[k]))
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"SAE training diverged: the {names[k]} loss is {mean[k]} in steps {first}–{last}."));
            }
        }
    }

    /// <summary>
    /// A source that trains every request afresh without caching (tests, benchmarks); its SAEs are left to the
    /// garbage collector, so use it only for a handful of small models.
    /// </summary>
    public static SaeSource Uncached(ITwoTower model, Split split) => (settings, seed) => Train(model, split, settings, seed);

    /// <summary>Gives each step's user and item indices (int64 tensors on the model's device).</summary>
    private interface IBatchStream : IDisposable
    {
        (Tensor Users, Tensor Items) Next();
    }

    /// <summary>
    /// <see cref="SaeSchedule.UserItemStreams"/>: a pass over the shuffled users in batches (drop_last, or one
    /// batch of all users when they are fewer than a batch), zipped with a cycled, shuffled item stream.
    /// </summary>
    private sealed class UserItemStreams(Split split, ITwoTower model, SaeSettings settings, ulong seed) : IBatchStream
    {
        private readonly Stream _users = new(split.SaeTrainUsers, Math.Min(settings.UserBatch, split.SaeTrainUsers.Length), SeededRandom.For(seed, "sae-users"), model.UserVectors.device);
        private readonly Stream _items = new(Enumerable.Range(0, model.ItemCount).ToArray(), Math.Min(settings.ItemBatch, model.ItemCount), SeededRandom.For(seed, "sae-items"), model.UserVectors.device);

        public (Tensor Users, Tensor Items) Next() => (_users.Next(), _items.Next());

        public void Dispose()
        {
            _users.Dispose();
            _items.Dispose();
        }
    }

    /// <summary>One cycled stream of ids: shuffled per pass, cut into batches (drop_last), the pass's ids on the device once.</summary>
    private sealed class Stream(int[] ids, int batch, SeededRandom rng, torch.Device device) : IDisposable
    {
        private readonly int[] _order = (int[])ids.Clone();
        private Tensor? _pass;
        private int _next;
        private int _batches;

        public Tensor Next()
        {
            if (_pass is null || _next == _batches)
            {
                _pass?.Dispose();
                rng.Shuffle(_order.AsSpan());
                _batches = _order.Length / batch;
                // Made inside a step's dispose scope, but lives for the whole pass.
                _pass = tensor(_order.Take(_batches * batch).Select(v => (long)v).ToArray(), dtype: ScalarType.Int64, device: device).DetachFromDisposeScope();
                _next = 0;
            }
            return _pass.narrow(0, (long)batch * _next++, batch);
        }

        public void Dispose() => _pass?.Dispose();
    }

    /// <summary>
    /// <see cref="SaeSchedule.AlignedPairs"/>: per pass, every training positive of the SAE-training users and one
    /// fresh negative per positive (an item the user never interacted with), shuffled, in steps of
    /// <see cref="SaeSettings.PairsPerStep"/> pairs (drop_last).
    /// </summary>
    private sealed class AlignedPairs(Split split, ITwoTower model, SaeSettings settings, ulong seed) : IBatchStream
    {
        private readonly SeededRandom _rng = SeededRandom.For(seed, "sae-pairs");
        private readonly torch.Device _device = model.UserVectors.device;
        private Tensor? _users;
        private Tensor? _items;
        private int _next;
        private int _batches;

        public (Tensor Users, Tensor Items) Next()
        {
            if (_users is null || _next == _batches)
            {
                NewPass();
            }
            long start = (long)settings.PairsPerStep * _next++;
            return (_users!.narrow(0, start, settings.PairsPerStep), _items!.narrow(0, start, settings.PairsPerStep));
        }

        private void NewPass()
        {
            _users?.Dispose();
            _items?.Dispose();
            var pairs = new List<(int User, int Item)>();
            foreach (int u in split.SaeTrainUsers)
            {
                foreach (int i in split.TrainItems[u])
                {
                    pairs.Add((u, i));
                }
                for (int k = 0; k < split.TrainItems[u].Length; k++)
                {
                    int item, guard = 0;
                    do
                    {
                        item = _rng.NextInt(model.ItemCount);
                    }
                    while (split.Interacted(u, item) && ++guard < 1000);
                    pairs.Add((u, item));
                }
            }
            var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(pairs);
            _rng.Shuffle(span);
            _batches = pairs.Count / settings.PairsPerStep;
            if (_batches == 0)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"The SAE-training users have {pairs.Count} aligned pairs, fewer than one step of {settings.PairsPerStep}."));
            }
            int n = _batches * settings.PairsPerStep;
            // Made inside a step's dispose scope, but live for the whole pass.
            _users = tensor(pairs.Take(n).Select(p => (long)p.User).ToArray(), dtype: ScalarType.Int64, device: _device).DetachFromDisposeScope();
            _items = tensor(pairs.Take(n).Select(p => (long)p.Item).ToArray(), dtype: ScalarType.Int64, device: _device).DetachFromDisposeScope();
            _next = 0;
        }

        public void Dispose()
        {
            _users?.Dispose();
            _items?.Dispose();
        }
    }
}
