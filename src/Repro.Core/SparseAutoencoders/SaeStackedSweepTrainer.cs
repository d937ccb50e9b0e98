using Repro.Data;
using Repro.Recommenders;
using TorchSharp.Modules;
using static Repro.Scalars;
using static TorchSharp.torch;

namespace Repro.SparseAutoencoders;

/// <summary>
/// Trains the plain (neither Top-K nor Matryoshka) MF or NCF SAEs of a loss-weight sweep as one stacked model: the
/// S tied weights as one [S, m, n] tensor and the biases as [S, ·], every step one batched matrix product per layer
/// for all SAEs (the MF normalisation of the shared inputs done once), per-SAE loss terms as [S] tensors, one
/// backward and one Adam step. Same initial weights, batches, schedule and loss as <see cref="SaeSweepTrainer"/>,
/// but not bit-identical to it: batched products sum in another order than one product per SAE, so the weights
/// agree to float32 rounding that grows over the steps (the tests bound it). A zero loss weight multiplies its
/// term by a masked zero instead of leaving it out of the graph, so only a term whose own gradient is non-finite
/// could reach a member that switches it off.
/// </summary>
public static class SaeStackedSweepTrainer
{
    /// <summary>
    /// Trains one plain SAE per entry of <paramref name="sweep"/> with one seed and returns them, unstacked into the
    /// usual <see cref="MfSparseAutoencoder"/> or <see cref="NcfSparseAutoencoder"/>, in the sweep's order.
    /// </summary>
    /// <param name="model">The frozen recommender.</param>
    /// <param name="split">Its split (the SAE-training users).</param>
    /// <param name="sweep">Plain-variant settings that agree on everything but the loss weights (<see cref="SaeSweepTrainer.RequireSweepable"/>).</param>
    /// <param name="seed">The seed every SAE shares.</param>
    /// <param name="progress">Called with the sweep index and that SAE's <see cref="SaeProgress"/> at every report.</param>
    /// <exception cref="ArgumentException">The settings do not make one sweep, or their variant is not <see cref="SaeVariant.Plain"/>.</exception>
    /// <exception cref="InvalidOperationException">A loss term of some SAE became non-finite (named).</exception>
    public static IReadOnlyList<TiedSparseAutoencoder> Train(ITwoTower model, Split split, IReadOnlyList<SaeSettings> sweep, ulong seed, Action<int, SaeProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(split);
        SaeSweepTrainer.RequireSweepable(sweep);
        if (sweep[0].Variant() != SaeVariant.Plain)
        {
            throw new ArgumentException($"Only plain SAEs train stacked; these settings build {sweep[0].Variant()}.", nameof(sweep));
        }
        return SaeSweepTrainer.CreateAndFit(model, sweep, seed, saes => Fit(saes, model, split, sweep, seed, progress));
    }

    private static void Fit(List<TiedSparseAutoencoder> saes, ITwoTower model, Split split, IReadOnlyList<SaeSettings> sweep, ulong seed, Action<int, SaeProgress>? progress)
    {
        var shared = sweep[0];
        var form = PredictionLoss.Resolve(shared.Prediction, model.Kind);
        using var batches = SaeBatchStreams.For(model, split, shared, seed);
        Tensor allUsers = model.UserVectors, allItems = model.ItemVectors;
        var device = allUsers.device;
        bool mf = model.Kind == RecommenderKind.MF;

        // The stacked parameters: W [S, m, n]; MF b_pre [S, n] and b_lat [S, m]; NCF b [S, m].
        using var weight = new Parameter(stack(saes.Select(s => s.Weight.detach()).ToArray()));
        using var first = new Parameter(stack(saes.Select(s => mf ? ((MfSparseAutoencoder)s).PreBias.detach() : ((NcfSparseAutoencoder)s).Bias.detach()).ToArray()));
        using var latent = mf ? new Parameter(stack(saes.Select(s => ((MfSparseAutoencoder)s).LatentBias.detach()).ToArray())) : null;
        Parameter[] parameters = latent is null ? [weight, first] : [weight, first, latent];
        var stacked = new Stacked(weight, mf ? first : null, mf ? latent! : first);

        // [S, 4] loss weights (emb, pred, L1, KL) and where they are switched on.
        using var lambdas = tensor(sweep.SelectMany(s => new[] { (float)s.EmbeddingWeight, (float)s.PredictionWeight, (float)s.L1Weight, (float)s.KlWeight }).ToArray(), dtype: ScalarType.Float32, device: device).reshape(sweep.Count, 4);
        using var on = lambdas.ne(Zero);
        using var optimizer = new Recommenders.LeanAdam(parameters, shared.LearningRate);
        using var klTerm = new KlSparsity(shared.Rho);
        using var log = new SaeLossLog(saes.Count, shared.Steps, device);
        for (int step = 1; step <= shared.Steps; step++)
        {
            using (var scope = NewDisposeScope())
            {
                var (uIdx, iIdx) = batches.Next();
                Tensor u = allUsers.index_select(0, uIdx), i = allItems.index_select(0, iIdx);
                Tensor target = PredictionLoss.Target(model, form, uIdx, u, iIdx, i);
                Tensor zU = stacked.Encode(u), zI = stacked.Encode(i);
                Tensor uHat = stacked.Decode(zU, u), iHat = stacked.Decode(zI, i);
                Tensor embedding = SquaredError(uHat, u).add(SquaredError(iHat, i), One);
                Tensor prediction = Prediction(model, form, target, uIdx, uHat, iIdx, iHat);
                Tensor l1 = zU.abs().mean([1, 2]).add(zI.abs().mean([1, 2]), One);
                Tensor kl = klTerm.Compute(zU).add(klTerm.Compute(zI), One);
                Tensor terms = stack([embedding, prediction, l1, kl], 1);
                Tensor total = where(on, lambdas * terms, zeros_like(terms)).sum(1);
                optimizer.ZeroGrad();
                total.sum().backward();
                optimizer.Step();
                log.Add(cat([total.unsqueeze(1), terms], 1));
            }
            if (log.After(step, s => SaeSweepTrainer.Member(s, sweep[s])) is { } reports)
            {
                for (int s = 0; s < reports.Length; s++)
                {
                    progress?.Invoke(s, reports[s]);
                }
            }
        }
        Unstack(saes, weight, first, latent, mf);
    }

    // Per-SAE mean squared error of [S, B, n] reconstructions against the shared [B, n] originals → [S].
    private static Tensor SquaredError(Tensor hat, Tensor original) => (hat - original.unsqueeze(0)).pow(Two).mean([1, 2]);

    // The per-SAE prediction term → [S]: the MF block one SAE at a time (a stacked call would score every SAE's
    // users against every SAE's items), the NCF pairs of all SAEs in one call of the frozen model.
    private static Tensor Prediction(ITwoTower model, PredictionLossForm form, Tensor target, Tensor uIdx, Tensor uHat, Tensor iIdx, Tensor iHat)
    {
        long members = uHat.shape[0];
        if (form == PredictionLossForm.BlockLogitMse)
        {
            var blocks = stack(Enumerable.Range(0, (int)members).Select(s => model.BlockLogits(uIdx, uHat[s], iIdx, iHat[s])).ToArray());
            return (blocks - target.unsqueeze(0)).pow(Two).mean([1, 2]);
        }
        long b = uHat.shape[1];
        Tensor predicted = model.PairProbabilities(uIdx.repeat(members), uHat.reshape(members * b, -1), iIdx.repeat(members), iHat.reshape(members * b, -1)).reshape(members, b);
        Tensor expanded = target.unsqueeze(0).expand(members, b);
        return form == PredictionLossForm.PairBce
            ? nn.functional.binary_cross_entropy(predicted, expanded, reduction: nn.Reduction.None).mean([1])
            : (predicted - expanded).pow(Two).mean([1]);
    }

    private static void Unstack(List<TiedSparseAutoencoder> saes, Tensor weight, Tensor first, Tensor? latent, bool mf)
    {
        using var guard = no_grad();
        for (int s = 0; s < saes.Count; s++)
        {
            saes[s].Weight.copy_(weight[s]);
            if (mf)
            {
                ((MfSparseAutoencoder)saes[s]).PreBias.copy_(first[s]);
                ((MfSparseAutoencoder)saes[s]).LatentBias.copy_(latent![s]);
            }
            else
            {
                ((NcfSparseAutoencoder)saes[s]).Bias.copy_(first[s]);
            }
            saes[s].eval();
        }
    }

    /// <summary>The forward of S stacked SAEs on shared inputs: MF when a pre-bias is given, else NCF.</summary>
    private sealed class Stacked(Tensor weight, Tensor? preBias, Tensor latentBias)
    {
        private Tensor Weight => weight;
        private Tensor? PreBias => preBias;
        private Tensor LatentBias => latentBias;

        // [B, n] → codes [S, B, m]; MF normalises each vector by its own μ and σ once for all SAEs.
        public Tensor Encode(Tensor x)
        {
            long members = Weight.shape[0];
            Tensor input = PreBias is null
                ? x.unsqueeze(0).expand(members, -1, -1)
                : Normalised(x).unsqueeze(0) - PreBias.unsqueeze(1);
            return nn.functional.relu(input.bmm(Weight.transpose(1, 2)).add(LatentBias.unsqueeze(1), One));
        }

        // Codes [S, B, m] → reconstructions [S, B, n]; MF de-normalises with the original vector's μ and σ.
        public Tensor Decode(Tensor z, Tensor original)
        {
            Tensor raw = z.bmm(Weight);
            if (PreBias is null)
            {
                return raw;
            }
            var (mu, sigma) = Moments(original);
            return raw.add(PreBias.unsqueeze(1), One).mul(sigma).add(mu, One);
        }

        private static Tensor Normalised(Tensor x)
        {
            var (mu, sigma) = Moments(x);
            return (x - mu) / sigma.add(MfSparseAutoencoder.StdGuard, One);
        }

        private static (Tensor Mu, Tensor Sigma) Moments(Tensor x)
        {
            Tensor d = x.detach();
            return (d.mean([1], keepdim: true), d.std(1, unbiased: true, keepdim: true));
        }
    }
}
