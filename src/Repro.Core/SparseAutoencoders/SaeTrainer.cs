using System.Globalization;
using Repro.Data;
using Repro.Recommenders;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.SparseAutoencoders;

/// <summary>Loss values after one training step, for progress reports and loss curves.</summary>
/// <param name="Epoch">0-based epoch.</param>
/// <param name="Step">0-based step within the epoch.</param>
/// <param name="StepsPerEpoch">Steps in every epoch.</param>
/// <param name="Total">Weighted total.</param>
/// <param name="Embedding">Embedding reconstruction term (unweighted).</param>
/// <param name="Prediction">Prediction term (unweighted).</param>
/// <param name="L1">L1 term (unweighted).</param>
/// <param name="Kl">KL term (unweighted).</param>
public sealed record SaeProgress(int Epoch, int Step, int StepsPerEpoch, double Total, double Embedding, double Prediction, double L1, double Kl);

/// <summary>
/// Trains one SAE on a frozen recommender's embeddings (SPEC §4): the SAE-training users' vectors and all item
/// vectors, Adam, batches of users × items. Deterministic given the seed.
/// </summary>
public static class SaeTrainer
{
    /// <summary>
    /// Trains and returns the SAE variant chosen by <see cref="SparseAutoencoderFactory"/>.
    /// <para>
    /// An epoch is one pass over the cross product of users and items in blocks: the SAE-training users and all
    /// items are each shuffled and cut into batches of <see cref="SaeSettings.UserBatch"/> and
    /// <see cref="SaeSettings.ItemBatch"/>, and every (user batch, item batch) block is one step, in shuffled
    /// order: ceil(users/256) × ceil(items/256) steps. The MF prediction loss is defined on that cross product,
    /// so an epoch sees every user–item score once.
    /// </para>
    /// <para>
    /// NCF pairs: each step draws <see cref="SaeSettings.PairsPerStep"/> aligned pairs among the step's users, half
    /// training positives (from <see cref="Split.TrainItems"/>) and half negatives (items the user never interacted
    /// with), rather than all pairs of 256 users (tens of thousands per step; deviation row in the report).
    /// </para>
    /// </summary>
    /// <exception cref="InvalidOperationException">A loss term became non-finite; the message names epoch, step and term.</exception>
    public static TiedSparseAutoencoder Train(ITwoTower model, Split split, SaeSettings settings, ulong seed, Action<SaeProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(settings);
        var sae = SparseAutoencoderFactory.Create(model.Kind, model.Dim, settings, SeededRandom.For(seed, "sae-init").NextSeed());
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
        var rng = SeededRandom.For(seed, "sae-batches");
        var form = PredictionLoss.Resolve(settings.Prediction, model.Kind);
        bool pairs = form is PredictionLossForm.PairProbabilityMse or PredictionLossForm.PairBce;
        int[] users = split.SaeTrainUsers.ToArray();
        int[] items = Enumerable.Range(0, model.ItemCount).ToArray();
        if (users.Length == 0)
        {
            throw new ArgumentException("The split has no SAE-training users.", nameof(split));
        }
        int userBatches = (users.Length + settings.UserBatch - 1) / settings.UserBatch;
        int itemBatches = (items.Length + settings.ItemBatch - 1) / settings.ItemBatch;
        int stepsPerEpoch = userBatches * itemBatches;
        Tensor allUsers = model.UserVectors, allItems = model.ItemVectors;
        var device = allUsers.device;
        var matryoshka = sae as MatryoshkaSparseAutoencoder;

        sae.train();
        using var optimizer = optim.Adam(sae.parameters(), settings.LearningRate);
        int[] blocks = Enumerable.Range(0, stepsPerEpoch).ToArray();
        for (int epoch = 0; epoch < settings.Epochs; epoch++)
        {
            rng.Shuffle(users.AsSpan());
            rng.Shuffle(items.AsSpan());
            rng.Shuffle(blocks.AsSpan());
            for (int step = 0; step < stepsPerEpoch; step++)
            {
                using var scope = NewDisposeScope();
                int ub = blocks[step] / itemBatches, ib = blocks[step] % itemBatches;
                long[] userBatch = Slice(users, ub, settings.UserBatch);
                long[] itemBatch = Slice(items, ib, settings.ItemBatch);
                Tensor uIdx = tensor(userBatch, device: device), iIdx = tensor(itemBatch, device: device);
                Tensor u = allUsers.index_select(0, uIdx), i = allItems.index_select(0, iIdx);
                Tensor zU = sae.Encode(u), zI = sae.Encode(i);
                Tensor uHat = sae.Decode(zU, u), iHat = sae.Decode(zI, i);

                Tensor embedding;
                if (matryoshka is null)
                {
                    embedding = EmbeddingReconstructionLoss.Compute(uHat, u, iHat, i);
                }
                else
                {
                    // Matryoshka: the embedding loss is summed over prefixes; the full prefix is uHat/iHat.
                    embedding = EmbeddingReconstructionLoss.Compute(uHat, u, iHat, i);
                    foreach (int p in matryoshka.Prefixes.Where(p => p < sae.Latents))
                    {
                        embedding = embedding + EmbeddingReconstructionLoss.Compute(
                            matryoshka.DecodePrefix(zU, u, p), u, matryoshka.DecodePrefix(zI, i, p), i);
                    }
                }

                Tensor prediction;
                if (!pairs)
                {
                    prediction = PredictionLoss.Block(model, uIdx, u, uHat, iIdx, i, iHat);
                }
                else
                {
                    var (pu, pi) = SamplePairs(split, userBatch, model.ItemCount, settings.PairsPerStep, rng);
                    Tensor puIdx = tensor(pu, device: device), piIdx = tensor(pi, device: device);
                    Tensor pUsers = allUsers.index_select(0, puIdx), pItems = allItems.index_select(0, piIdx);
                    prediction = PredictionLoss.Pairs(model, puIdx, pUsers, sae.forward(pUsers), piIdx, pItems, sae.forward(pItems),
                        bce: form == PredictionLossForm.PairBce);
                }

                var terms = SaeLoss.Combine(settings, embedding, prediction, zU, zI);
                var values = new SaeProgress(epoch, step, stepsPerEpoch,
                    terms.Total.item<float>(), terms.Embedding.item<float>(), terms.Prediction.item<float>(), terms.L1.item<float>(), terms.Kl.item<float>());
                GuardFinite(values);
                optimizer.zero_grad();
                terms.Total.backward();
                optimizer.step();
                progress?.Invoke(values);
            }
        }
        sae.eval();
    }

    private static void GuardFinite(SaeProgress v)
    {
        foreach (var (name, value) in new[] { ("total", v.Total), ("embedding", v.Embedding), ("prediction", v.Prediction), ("L1", v.L1), ("KL", v.Kl) })
        {
            if (!double.IsFinite(value))
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"SAE training diverged: the {name} loss is {value} at epoch {v.Epoch}, step {v.Step}."));
            }
        }
    }

    private static long[] Slice(int[] source, int batch, int size)
    {
        int start = batch * size;
        int count = Math.Min(size, source.Length - start);
        var result = new long[count];
        for (int k = 0; k < count; k++)
        {
            result[k] = source[start + k];
        }
        return result;
    }

    // Half positives (a random batch user with a random training item of theirs), half negatives (a random batch
    // user with a random item they never interacted with), 1:1 as in the paper.
    private static (long[] Users, long[] Items) SamplePairs(Split split, long[] batchUsers, int itemCount, int count, SeededRandom rng)
    {
        var withPositives = batchUsers.Where(u => split.TrainItems[u].Length > 0).ToArray();
        var us = new long[count];
        var its = new long[count];
        int positives = withPositives.Length == 0 ? 0 : count / 2;
        for (int k = 0; k < count; k++)
        {
            if (k < positives)
            {
                long u = withPositives[rng.NextInt(withPositives.Length)];
                int[] train = split.TrainItems[u];
                us[k] = u;
                its[k] = train[rng.NextInt(train.Length)];
            }
            else
            {
                long u = batchUsers[rng.NextInt(batchUsers.Length)];
                int item;
                int guard = 0;
                do
                {
                    item = rng.NextInt(itemCount);
                }
                while (split.Interacted((int)u, item) && ++guard < 1000);
                us[k] = u;
                its[k] = item;
            }
        }
        return (us, its);
    }

    /// <summary>
    /// A source that trains every request afresh without caching (tests, benchmarks); its SAEs are left to the
    /// garbage collector, so use it only for a handful of small models.
    /// </summary>
    public static SaeSource Uncached(ITwoTower model, Split split) => (settings, seed) => Train(model, split, settings, seed);
}
