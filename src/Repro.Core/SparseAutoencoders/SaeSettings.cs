using System.Globalization;

namespace Repro.SparseAutoencoders;

/// <summary>How the prediction-level loss compares scores (SPEC §4 "L_pred", deviation D3).</summary>
public enum PredictionLossForm
{
    /// <summary>The recommender's own definition: MF → logit MSE on the user × item block; NCF → probability MSE on pairs.</summary>
    Auto,

    /// <summary>MSE of logits over the full cross product of the batch's users and items.</summary>
    BlockLogitMse,

    /// <summary>MSE of sigmoid outputs over aligned training pairs.</summary>
    PairProbabilityMse,

    /// <summary>BCE of reconstructed probabilities against the original ones, over aligned training pairs.</summary>
    PairBce,
}

/// <summary>
/// Settings of one SAE training (SPEC §4 table); the paper's rows are the static presets. Vary one with
/// <c>with</c>, e.g. <c>SaeSettings.Ml1mMf with { PredictionWeight = 5 }</c> for the β ablation.
/// </summary>
/// <param name="Latents">Number of latents m.</param>
/// <param name="EmbeddingWeight">λ_emb, weight of MSE(û,u)+MSE(î,i).</param>
/// <param name="PredictionWeight">λ_pred (β), weight of the prediction-level loss.</param>
/// <param name="L1Weight">λ_L1, weight of mean|z_u|+mean|z_i|.</param>
/// <param name="KlWeight">λ_KL, weight of KL(z_u)+KL(z_i).</param>
/// <param name="Rho">Target mean activation ρ of the KL penalty.</param>
/// <param name="Epochs">Training epochs (an epoch is defined in <see cref="SaeTrainer"/>).</param>
/// <param name="Matryoshka">Wrap the variant in nested prefixes [m/4, m/2, m].</param>
/// <param name="TopK">If set, the Top-K baseline with this k (sparsity weights still apply as given).</param>
/// <param name="LearningRate">Adam learning rate.</param>
/// <param name="UserBatch">Users per step.</param>
/// <param name="ItemBatch">Items per step.</param>
/// <param name="PairsPerStep">NCF: aligned training pairs per step (half positives, half negatives).</param>
/// <param name="Prediction">How the prediction loss compares scores.</param>
/// <param name="Name">Label printed in table headers.</param>
public sealed record SaeSettings(
    int Latents,
    double EmbeddingWeight,
    double PredictionWeight,
    double L1Weight,
    double KlWeight,
    double Rho,
    int Epochs,
    bool Matryoshka = false,
    int? TopK = null,
    double LearningRate = 1e-3,
    int UserBatch = 256,
    int ItemBatch = 256,
    int PairsPerStep = 256,
    PredictionLossForm Prediction = PredictionLossForm.Auto,
    string Name = "custom")
{
    /// <summary>ML-1M MF: m = 22; λ_emb 0.1, λ_pred 1, λ_L1 0, λ_KL 0.01, ρ 0.05, 18 epochs.</summary>
    public static SaeSettings Ml1mMf { get; } = new(22, 0.1, 1, 0, 0.01, 0.05, 18, Name: "ml-1m MF");

    /// <summary>ML-1M NCF: m = 22; λ_emb 2, λ_pred 10, λ_L1 0, λ_KL 0.07, ρ 0.05, 18 epochs.</summary>
    public static SaeSettings Ml1mNcf { get; } = new(22, 2, 10, 0, 0.07, 0.05, 18, Name: "ml-1m NCF");

    /// <summary>Last.FM MF: m = 70; λ_emb 8, λ_pred 1, λ_L1 0.3, λ_KL 0.003, ρ 0.1, 30 epochs.</summary>
    public static SaeSettings LastFmMf { get; } = new(70, 8, 1, 0.3, 0.003, 0.1, 30, Name: "lastfm MF");

    /// <summary>Last.FM NCF: m = 70; λ_emb 2.6, λ_pred 1, λ_L1 1.27e-5, λ_KL 0.7, ρ 0.05, 30 epochs.</summary>
    public static SaeSettings LastFmNcf { get; } = new(70, 2.6, 1, 1.27e-5, 0.7, 0.05, 30, Name: "lastfm NCF");

    /// <summary>Last.FM MF Matryoshka: m = 80 (prefixes 20/40/80); λ_emb 8, λ_pred 5, λ_L1 0.3, λ_KL 0.003, ρ 0.1, 30 epochs.</summary>
    public static SaeSettings LastFmMfMatryoshka { get; } = new(80, 8, 5, 0.3, 0.003, 0.1, 30, Matryoshka: true, Name: "lastfm MF Matryoshka");

    /// <summary>The variant these settings and a recommender kind select: "MF", "NCF", "Matryoshka MF", "TopK NCF"...</summary>
    public string VariantName(string recommenderKind) =>
        (TopK is int k ? string.Create(CultureInfo.InvariantCulture, $"TopK(k={k}) ") : Matryoshka ? "Matryoshka " : "") + recommenderKind;

    /// <summary>One line for table headers.</summary>
    public string Describe() =>
        string.Create(CultureInfo.InvariantCulture,
            $"{Name}: m={Latents}, λ_emb={EmbeddingWeight}, λ_pred={PredictionWeight}, λ_L1={L1Weight}, λ_KL={KlWeight}, ρ={Rho}, epochs={Epochs}, lr={LearningRate}, batch={UserBatch}u×{ItemBatch}i")
        + (Matryoshka ? ", Matryoshka" : "")
        + (TopK is int k ? string.Create(CultureInfo.InvariantCulture, $", TopK k={k}") : "");
}
