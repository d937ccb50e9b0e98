using System.Globalization;
using Repro.Data;
using Repro.Recommenders;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.SparseAutoencoders;

/// <summary>
/// The batches an SAE training draws (SPEC §4 "Epochs, as the notebooks define them"), one stream per training or
/// per SAE of several members (one stream for all of them): deterministic given the seed, each pass's indices made once on the model's device.
/// </summary>
internal static class SaeBatchStreams
{
    /// <summary>The stream the settings' schedule calls for on this recommender.</summary>
    /// <exception cref="ArgumentException">The split has no SAE-training users.</exception>
    public static ISaeBatchStream For(ITwoTower model, Split split, SaeSettings settings, ulong seed)
    {
        if (split.SaeTrainUsers.Length == 0)
        {
            throw new ArgumentException("The split has no SAE-training users.", nameof(split));
        }
        return settings.ScheduleFor(model.Kind) == SaeSchedule.UserItemStreams
            ? new UserItemStreams(split, model, settings, seed)
            : new AlignedPairs(split, model, settings, seed);
    }

    /// <summary>
    /// <see cref="SaeSchedule.UserItemStreams"/>: a pass over the shuffled users in batches (drop_last, or one
    /// batch of all users when they are fewer than a batch), zipped with a cycled, shuffled item stream.
    /// </summary>
    private sealed class UserItemStreams(Split split, ITwoTower model, SaeSettings settings, ulong seed) : ISaeBatchStream
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
    private sealed class AlignedPairs(Split split, ITwoTower model, SaeSettings settings, ulong seed) : ISaeBatchStream
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

/// <summary>Gives each step's user and item indices (int64 tensors on the model's device).</summary>
internal interface ISaeBatchStream : IDisposable
{
    /// <summary>The next step's user and item indices (views into the current pass; valid until the pass ends).</summary>
    (Tensor Users, Tensor Items) Next();
}
