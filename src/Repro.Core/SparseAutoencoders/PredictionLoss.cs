using Repro.Recommenders;
using static TorchSharp.torch;

namespace Repro.SparseAutoencoders;

/// <summary>
/// Prediction-level term of the SAE loss (SPEC §4 "L_pred", deviation D3): reconstructed user and item vectors go
/// through the frozen scoring function and must reproduce the original scores. Targets are computed without a
/// graph, so gradients reach only the reconstructions (and through them the SAE), never the recommender.
/// </summary>
public static class PredictionLoss
{
    /// <summary>Resolves <see cref="PredictionLossForm.Auto"/> from the recommender kind: MF → block logits, NCF → pair probabilities.</summary>
    public static PredictionLossForm Resolve(PredictionLossForm form, RecommenderKind recommenderKind) => form switch
    {
        PredictionLossForm.Auto => recommenderKind == RecommenderKind.MF ? PredictionLossForm.BlockLogitMse : PredictionLossForm.PairProbabilityMse,
        _ => form,
    };

    /// <summary>
    /// MF form: <c>MSE(Û Îᵀ, U Iᵀ)</c> over every (user, item) of the batch, on logits; per-id biases appear on
    /// both sides and cancel in the difference.
    /// </summary>
    public static Tensor Block(ITwoTower model, Tensor userIndex, Tensor users, Tensor userHat, Tensor itemIndex, Tensor items, Tensor itemHat)
    {
        using var scope = NewDisposeScope();
        Tensor target = Target(model, PredictionLossForm.BlockLogitMse, userIndex, users, itemIndex, items);
        return Against(model, PredictionLossForm.BlockLogitMse, target, userIndex, userHat, itemIndex, itemHat).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// NCF form: the sigmoid outputs of aligned pairs (row k = user k with item k), reconstructed against original,
    /// by MSE or (with <paramref name="bce"/>) binary cross-entropy with the original probability as a soft label.
    /// </summary>
    public static Tensor Pairs(ITwoTower model, Tensor userIndex, Tensor users, Tensor userHat, Tensor itemIndex, Tensor items, Tensor itemHat, bool bce = false)
    {
        var form = bce ? PredictionLossForm.PairBce : PredictionLossForm.PairProbabilityMse;
        using var scope = NewDisposeScope();
        Tensor target = Target(model, form, userIndex, users, itemIndex, items);
        return Against(model, form, target, userIndex, userHat, itemIndex, itemHat).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The frozen model's scores of the original vectors that a resolved <paramref name="form"/> compares against
    /// (block logits, or pair probabilities), computed without a graph; one step's SAEs can share them.
    /// </summary>
    public static Tensor Target(ITwoTower model, PredictionLossForm form, Tensor userIndex, Tensor users, Tensor itemIndex, Tensor items)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var scope = NewDisposeScope();
        using (no_grad())
        {
            Tensor target = RequireResolved(form) == PredictionLossForm.BlockLogitMse
                ? model.BlockLogits(userIndex, users, itemIndex, items)
                : model.PairProbabilities(userIndex, users, itemIndex, items);
            return target.detach().MoveToOuterDisposeScope();
        }
    }

    /// <summary>The loss of a resolved <paramref name="form"/>: the reconstructions' scores against <see cref="Target"/>'s.</summary>
    public static Tensor Against(ITwoTower model, PredictionLossForm form, Tensor target, Tensor userIndex, Tensor userHat, Tensor itemIndex, Tensor itemHat)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var scope = NewDisposeScope();
        Tensor loss = RequireResolved(form) switch
        {
            PredictionLossForm.BlockLogitMse => nn.functional.mse_loss(model.BlockLogits(userIndex, userHat, itemIndex, itemHat), target),
            PredictionLossForm.PairBce => nn.functional.binary_cross_entropy(model.PairProbabilities(userIndex, userHat, itemIndex, itemHat), target),
            _ => nn.functional.mse_loss(model.PairProbabilities(userIndex, userHat, itemIndex, itemHat), target),
        };
        return loss.MoveToOuterDisposeScope();
    }

    /// <summary>The term of every member of a stacked SAE on <paramref name="batch"/>: reconstructions [S, B, n] and [S, C, n] → [S].</summary>
    public static Tensor PerMember(SaeBatch batch, Tensor userHats, Tensor itemHats)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(userHats);
        ArgumentNullException.ThrowIfNull(itemHats);
        return Members.Stack(userHats, s => Against(batch.Model, batch.Form, batch.Target, batch.UserIndex, userHats[s], batch.ItemIndex, itemHats[s]));
    }

    private static PredictionLossForm RequireResolved(PredictionLossForm form) => form == PredictionLossForm.Auto
        ? throw new ArgumentException("Resolve the prediction loss form for the recommender first (PredictionLoss.Resolve).", nameof(form))
        : form;
}
