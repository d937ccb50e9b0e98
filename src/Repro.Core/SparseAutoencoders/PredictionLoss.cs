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
        ArgumentNullException.ThrowIfNull(model);
        using var scope = NewDisposeScope();
        Tensor target;
        using (no_grad())
        {
            target = model.BlockLogits(userIndex, users, itemIndex, items).detach();
        }
        Tensor predicted = model.BlockLogits(userIndex, userHat, itemIndex, itemHat);
        return nn.functional.mse_loss(predicted, target).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// NCF form: the sigmoid outputs of aligned pairs (row k = user k with item k), reconstructed against original,
    /// by MSE or (with <paramref name="bce"/>) binary cross-entropy with the original probability as a soft label.
    /// </summary>
    public static Tensor Pairs(ITwoTower model, Tensor userIndex, Tensor users, Tensor userHat, Tensor itemIndex, Tensor items, Tensor itemHat, bool bce = false)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var scope = NewDisposeScope();
        Tensor target;
        using (no_grad())
        {
            target = model.PairProbabilities(userIndex, users, itemIndex, items).detach();
        }
        Tensor predicted = model.PairProbabilities(userIndex, userHat, itemIndex, itemHat);
        Tensor loss = bce ? nn.functional.binary_cross_entropy(predicted, target) : nn.functional.mse_loss(predicted, target);
        return loss.MoveToOuterDisposeScope();
    }
}
