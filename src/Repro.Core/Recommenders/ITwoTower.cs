using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Recommenders;

/// <summary>
/// The seam between recommenders and everything after them: user vectors, item vectors and a frozen scoring
/// function. MF and NCF differ only behind it. Scores accept vectors that may come from an SAE: gradients flow
/// to those inputs, never into the recommender's own (frozen) parameters.
/// </summary>
public interface ITwoTower : IDisposable
{
    /// <summary>Which recommender this is.</summary>
    RecommenderKind Kind { get; }

    /// <summary>Embedding dimension n of both towers.</summary>
    int Dim { get; }

    /// <summary>Number of users.</summary>
    int UserCount { get; }

    /// <summary>Number of items.</summary>
    int ItemCount { get; }

    /// <summary>All user vectors, [users, n], float32, detached from any graph.</summary>
    Tensor UserVectors { get; }

    /// <summary>All item vectors, [items, n], float32, detached from any graph.</summary>
    Tensor ItemVectors { get; }

    /// <summary>
    /// Logits of aligned pairs: row k scores (userVectors[k], itemVectors[k]) → [B]. The index tensors (int64, [B])
    /// only select per-id terms such as MF's biases; the vectors carry everything else.
    /// </summary>
    Tensor PairLogits(Tensor userIndex, Tensor userVectors, Tensor itemIndex, Tensor itemVectors);

    /// <summary>Logits of every user against every item: [B, n] × [C, n] → [B, C].</summary>
    Tensor BlockLogits(Tensor userIndex, Tensor userVectors, Tensor itemIndex, Tensor itemVectors);
}

/// <summary>Conveniences over <see cref="ITwoTower"/> shared by every model.</summary>
public static class TwoTowerExtensions
{
    /// <summary>Probabilities of aligned pairs (sigmoid of <see cref="ITwoTower.PairLogits"/>).</summary>
    public static Tensor PairProbabilities(this ITwoTower model, Tensor userIndex, Tensor userVectors, Tensor itemIndex, Tensor itemVectors)
    {
        ArgumentNullException.ThrowIfNull(model);
        return torch.sigmoid(model.PairLogits(userIndex, userVectors, itemIndex, itemVectors));
    }

    /// <summary>Logits of the given users (by index) against the whole catalogue, with the model's own vectors.</summary>
    public static Tensor ScoreAllItems(this ITwoTower model, long[] users)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var scope = NewDisposeScope();
        var device = model.UserVectors.device;
        Tensor u = tensor(users, device: device);
        Tensor i = Indices.Range(model.ItemCount, device);
        Tensor logits = model.BlockLogits(u, model.UserVectors.index_select(0, u), i, model.ItemVectors);
        return logits.MoveToOuterDisposeScope();
    }
}
