using Repro.Data;
using Repro.Recommenders;
using Repro.SparseAutoencoders;
using static TorchSharp.torch;

namespace Repro.Analysis;

/// <summary>Mean agreement of original and reconstructed top-K lists over the SAE-test users.</summary>
/// <param name="Rbo">Mean truncated RBO (paper form).</param>
/// <param name="RboExt">Mean RBO_ext.</param>
/// <param name="KendallTau">Mean Kendall τ-b over the union of the lists.</param>
/// <param name="Users">Number of users averaged.</param>
/// <param name="Depth">K of the top-K lists.</param>
/// <param name="P">RBO persistence.</param>
public sealed record FidelityResult(double Rbo, double RboExt, double KendallTau, int Users, int Depth, double P);

/// <summary>
/// Recommendation fidelity of an SAE (SPEC §5 "Fidelity"): for each SAE-test user, the top-K of the original model
/// (training items excluded) against the top-K when both user and item vectors are replaced by reconstructions.
/// </summary>
public static class Fidelity
{
    /// <summary>Measures mean RBO, RBO_ext and τ-b over <see cref="Split.SaeTestUsers"/>.</summary>
    public static FidelityResult Measure(ITwoTower model, ISparseAutoencoder sae, Split split, int depth = 30, double p = 0.9)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(sae);
        ArgumentNullException.ThrowIfNull(split);
        int[] users = split.SaeTestUsers;
        if (users.Length == 0)
        {
            throw new ArgumentException("The split has no SAE-test users.", nameof(split));
        }
        double rbo = 0, ext = 0, tau = 0;
        using (NewDisposeScope())
        using (no_grad())
        {
            Tensor items = model.ItemVectors;
            Tensor itemIdx = Indices.Range(model.ItemCount, items.device);
            Tensor itemHat = Reconstruct(sae, items);
            Tensor userIdx = tensor(users.Select(u => (long)u).ToArray(), device: items.device);
            // Chunks bound the memory of NCF's users × items MLP evaluation; only each user's top K comes back.
            const int Chunk = 128;
            for (int start = 0; start < users.Length; start += Chunk)
            {
                using var scope = NewDisposeScope();
                int len = Math.Min(Chunk, users.Length - start);
                int[][] exclude = [.. users.Skip(start).Take(len).Select(u => split.TrainItems[u])];
                Tensor uIdx = userIdx.narrow(0, start, len);
                Tensor u = model.UserVectors.index_select(0, uIdx);
                int[][] original = Ranking.TopK(model.BlockLogits(uIdx, u, itemIdx, items), depth, exclude);
                int[][] rebuilt = Ranking.TopK(model.BlockLogits(uIdx, Reconstruct(sae, u), itemIdx, itemHat), depth, exclude);
                for (int r = 0; r < len; r++)
                {
                    int[] a = original[r], b = rebuilt[r];
                    rbo += RankBiasedOverlap.Truncated(a, b, p, depth);
                    ext += RankBiasedOverlap.Extrapolated(a, b, p);
                    tau += KendallTau.TauB(a, b);
                }
            }
        }
        int n = users.Length;
        return new FidelityResult(rbo / n, ext / n, tau / n, n, depth, p);
    }

    private static Tensor Reconstruct(ISparseAutoencoder sae, Tensor x) => sae.Decode(sae.Encode(x), x);
}
