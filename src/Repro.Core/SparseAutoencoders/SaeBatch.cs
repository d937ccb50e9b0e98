using Repro.Recommenders;
using static TorchSharp.torch;

namespace Repro.SparseAutoencoders;

/// <summary>
/// One training step's batch, shared by every member of an SAE: the gathered user and item vectors with their indices,
/// and the frozen recommender's scores of them that the prediction term must reproduce (computed once, without a graph).
/// </summary>
/// <param name="Model">The frozen recommender.</param>
/// <param name="Form">How the prediction term compares scores (resolved, never Auto).</param>
/// <param name="UserIndex">The users' indices, int64 [B].</param>
/// <param name="Users">Their vectors, [B, n].</param>
/// <param name="ItemIndex">The items' indices, int64 [C].</param>
/// <param name="Items">Their vectors, [C, n].</param>
/// <param name="Target">The frozen model's scores of the original vectors (<see cref="PredictionLoss.Target"/>).</param>
public sealed record SaeBatch(ITwoTower Model, PredictionLossForm Form, Tensor UserIndex, Tensor Users, Tensor ItemIndex, Tensor Items, Tensor Target)
{
    /// <summary>A batch of the given indices: gathers the vectors and scores the target (tensors in the caller's dispose scope).</summary>
    public static SaeBatch Of(ITwoTower model, PredictionLossForm form, Tensor userIndex, Tensor itemIndex)
    {
        ArgumentNullException.ThrowIfNull(model);
        Tensor users = model.UserVectors.index_select(0, userIndex), items = model.ItemVectors.index_select(0, itemIndex);
        return new SaeBatch(model, form, userIndex, users, itemIndex, items, PredictionLoss.Target(model, form, userIndex, users, itemIndex, items));
    }
}
