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

/// <summary>Which SAE a set of settings builds (SPEC §4): the paper's KL/L1 SAE, or one of the two variants it compares.</summary>
public enum SaeVariant
{
    /// <summary>The tied SAE with ReLU codes, kept sparse by the KL and L1 terms.</summary>
    Plain,

    /// <summary>The Top-K baseline: only the k largest codes of a vector survive (<see cref="SaeSettings.TopK"/>).</summary>
    TopK,

    /// <summary>Nested prefixes m/4, m/2, m each reconstruct on their own.</summary>
    Matryoshka,
}

/// <summary>How a training step's batch is drawn (SPEC §4 "Epochs, as the notebooks define them").</summary>
public enum SaeSchedule
{
    /// <summary>The loss decides: the MF block loss → <see cref="UserItemStreams"/>, the NCF pair loss → <see cref="AlignedPairs"/>.</summary>
    Auto,

    /// <summary>
    /// MF notebooks: the SAE-training users shuffled and cut into batches of <see cref="SaeSettings.UserBatch"/>
    /// (drop_last; reshuffled after each pass, cycled while steps remain), each zipped with the next
    /// <see cref="SaeSettings.ItemBatch"/> items of a cycled, shuffled item stream.
    /// </summary>
    UserItemStreams,

    /// <summary>
    /// NCF notebooks: one pass is every training positive of the SAE-training users plus as many freshly drawn
    /// negatives (1:1), shuffled and cut into steps of <see cref="SaeSettings.PairsPerStep"/> aligned pairs
    /// (drop_last); the embedding, sparsity and prediction terms all read the pairs' users and items.
    /// </summary>
    AlignedPairs,
}

/// <summary>
/// Settings of one SAE training (SPEC §4 table); the paper's rows are the static presets. Vary one with
/// <c>with</c>, e.g. <c>SaeSettings.Ml1mMf with { PredictionWeight = 5 }</c> for the λ_pred ablation. The training
/// budget is stated in optimiser steps (<see cref="Steps"/>); <see cref="Validate"/> names a bad field.
/// </summary>
/// <param name="Latents">Number of latents m.</param>
/// <param name="EmbeddingWeight">λ_emb, weight of MSE(û,u)+MSE(î,i).</param>
/// <param name="PredictionWeight">λ_pred, weight of the prediction-level loss (the paper's β).</param>
/// <param name="L1Weight">λ_L1, weight of mean|z_u|+mean|z_i|.</param>
/// <param name="KlWeight">λ_KL, weight of KL(z_u)+KL(z_i).</param>
/// <param name="Rho">Target mean activation ρ of the KL penalty.</param>
/// <param name="Steps">Optimiser steps: the training budget.</param>
/// <param name="Variant">Which SAE: the paper's plain one, the Top-K baseline, or Matryoshka's nested prefixes [m/4, m/2, m].</param>
/// <param name="TopK">The Top-K baseline's k, set exactly when <paramref name="Variant"/> is <see cref="SaeVariant.TopK"/> (sparsity weights still apply as given).</param>
/// <param name="LearningRate">Adam learning rate.</param>
/// <param name="UserBatch">Users per step (<see cref="SaeSchedule.UserItemStreams"/>).</param>
/// <param name="ItemBatch">Items per step (<see cref="SaeSchedule.UserItemStreams"/>).</param>
/// <param name="PairsPerStep">Aligned (user, item) pairs per step (<see cref="SaeSchedule.AlignedPairs"/>).</param>
/// <param name="Prediction">How the prediction loss compares scores.</param>
/// <param name="Schedule">How a step's batch is drawn.</param>
/// <param name="Name">Label printed in table headers.</param>
public sealed record SaeSettings(
    int Latents,
    double EmbeddingWeight,
    double PredictionWeight,
    double L1Weight,
    double KlWeight,
    double Rho,
    int Steps,
    SaeVariant Variant = SaeVariant.Plain,
    int? TopK = null,
    double LearningRate = 1e-3,
    int UserBatch = 256,
    int ItemBatch = 256,
    int PairsPerStep = 256,
    PredictionLossForm Prediction = PredictionLossForm.Auto,
    SaeSchedule Schedule = SaeSchedule.Auto,
    string Name = "custom")
{
    /// <summary>
    /// The Last.FM step budget: the original's 30 epochs × 70 steps (≈ 18,000 training users / 256). Our HetRec copy
    /// has 1/12 of those users, so Last.FM SAEs keep the step budget, not the epoch count (SPEC §4).
    /// </summary>
    public const int LastFmSteps = 30 * 70;

    /// <summary>ML-1M NCF aligned-pair steps in one notebook epoch (SAE-training users' positives × 2 / 256, seed 42: ≈ 5,950).</summary>
    public const int Ml1mNcfStepsPerEpoch = 5_950;

    /// <summary>ML-1M MF: m = 22; λ_emb 0.1, λ_pred 1, λ_L1 0, λ_KL 0.01, ρ 0.05; 18 notebook epochs × 18 steps = 324 steps.</summary>
    public static SaeSettings Ml1mMf { get; } = new(Latents: 22, EmbeddingWeight: 0.1, PredictionWeight: 1, L1Weight: 0, KlWeight: 0.01, Rho: 0.05, Steps: 18 * 18, Schedule: SaeSchedule.UserItemStreams, Name: "ml-1m MF");

    /// <summary>
    /// ML-1M NCF as the suite trains it: m = 22; λ_emb 2, λ_pred 10, λ_L1 0, λ_KL 0.07, ρ 0.05; one notebook epoch of
    /// aligned pairs (≈ 5,950 steps) instead of 18 (deviation D11: the paper budget, <see cref="Ml1mNcfPaperBudget"/>,
    /// costs 18× the time; the SAE health table shows both).
    /// </summary>
    public static SaeSettings Ml1mNcf { get; } = new(Latents: 22, EmbeddingWeight: 2, PredictionWeight: 10, L1Weight: 0, KlWeight: 0.07, Rho: 0.05, Steps: Ml1mNcfStepsPerEpoch, Schedule: SaeSchedule.AlignedPairs, Name: "ml-1m NCF");

    /// <summary>ML-1M NCF with the notebooks' whole budget: 18 epochs of aligned pairs (≈ 107,100 steps).</summary>
    public static SaeSettings Ml1mNcfPaperBudget { get; } = Ml1mNcf with { Steps = 18 * Ml1mNcfStepsPerEpoch, Name = "ml-1m NCF, paper budget" };

    /// <summary>Last.FM MF: m = 70; λ_emb 8, λ_pred 1, λ_L1 0.3, λ_KL 0.003, ρ 0.1; 2,100 steps.</summary>
    public static SaeSettings LastFmMf { get; } = new(Latents: 70, EmbeddingWeight: 8, PredictionWeight: 1, L1Weight: 0.3, KlWeight: 0.003, Rho: 0.1, Steps: LastFmSteps, Schedule: SaeSchedule.UserItemStreams, Name: "lastfm MF");

    /// <summary>Last.FM NCF: m = 70; λ_emb 2.6, λ_pred 1, λ_L1 1.27e-5, λ_KL 0.7, ρ 0.05; 2,100 steps of aligned pairs.</summary>
    public static SaeSettings LastFmNcf { get; } = new(Latents: 70, EmbeddingWeight: 2.6, PredictionWeight: 1, L1Weight: 1.27e-5, KlWeight: 0.7, Rho: 0.05, Steps: LastFmSteps, Schedule: SaeSchedule.AlignedPairs, Name: "lastfm NCF");

    /// <summary>Last.FM MF Matryoshka: m = 80 (prefixes 20/40/80); λ_emb 8, λ_pred 5, λ_L1 0.3, λ_KL 0.003, ρ 0.1; 2,100 steps.</summary>
    public static SaeSettings LastFmMfMatryoshka { get; } = new(Latents: 80, EmbeddingWeight: 8, PredictionWeight: 5, L1Weight: 0.3, KlWeight: 0.003, Rho: 0.1, Steps: LastFmSteps, Variant: SaeVariant.Matryoshka, Schedule: SaeSchedule.UserItemStreams, Name: "lastfm MF Matryoshka");

    /// <summary>The Top-K baseline of these settings with <paramref name="k"/> active latents and no sparsity penalty (Top-K is its own sparsity).</summary>
    public SaeSettings WithTopK(int k) => this with { Variant = SaeVariant.TopK, TopK = k, KlWeight = 0, L1Weight = 0 };

    /// <summary>
    /// The canonical identity of what these settings train, for cache keys: every field that changes the weights, with
    /// the schedule and prediction form resolved for <paramref name="recommenderKind"/>, and only the batch sizes that
    /// schedule uses; never the display <see cref="Name"/>. Two settings with the same identity train the same SAE.
    /// </summary>
    public string TrainingIdentity(Recommenders.RecommenderKind recommenderKind)
    {
        var schedule = ScheduleFor(recommenderKind);
        string batch = schedule == SaeSchedule.UserItemStreams
            ? string.Create(CultureInfo.InvariantCulture, $"{UserBatch}u×{ItemBatch}i")
            : string.Create(CultureInfo.InvariantCulture, $"{PairsPerStep} pairs");
        return string.Create(CultureInfo.InvariantCulture,
            $"variant={Variant}{(TopK is int k ? $"(k={k})" : "")}|m={Latents}|λ_emb={EmbeddingWeight:R}|λ_pred={PredictionWeight:R}|λ_L1={L1Weight:R}|λ_KL={KlWeight:R}|ρ={Rho:R}|steps={Steps}|lr={LearningRate:R}|schedule={schedule}|batch={batch}|prediction={PredictionLoss.Resolve(Prediction, recommenderKind)}");
    }

    /// <summary>The schedule these settings train with for a recommender kind (resolves <see cref="SaeSchedule.Auto"/>).</summary>
    public SaeSchedule ScheduleFor(Recommenders.RecommenderKind recommenderKind) => Schedule switch
    {
        SaeSchedule.Auto => PredictionLoss.Resolve(Prediction, recommenderKind) == PredictionLossForm.BlockLogitMse ? SaeSchedule.UserItemStreams : SaeSchedule.AlignedPairs,
        _ => Schedule,
    };

    /// <summary>Throws naming the first field that is out of range.</summary>
    public void Validate()
    {
        static void Require(bool ok, string field, object value, string expected)
        {
            if (!ok)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Invalid SAE settings: {field} = {value}; expected {expected}."));
            }
        }
        Require(Latents > 0, nameof(Latents), Latents, "a positive number of latents");
        Require(double.IsFinite(EmbeddingWeight) && EmbeddingWeight >= 0, nameof(EmbeddingWeight), EmbeddingWeight, "a finite weight ≥ 0");
        Require(double.IsFinite(PredictionWeight) && PredictionWeight >= 0, nameof(PredictionWeight), PredictionWeight, "a finite weight ≥ 0");
        Require(double.IsFinite(L1Weight) && L1Weight >= 0, nameof(L1Weight), L1Weight, "a finite weight ≥ 0");
        Require(double.IsFinite(KlWeight) && KlWeight >= 0, nameof(KlWeight), KlWeight, "a finite weight ≥ 0");
        Require(Rho > 0 && Rho < 1, nameof(Rho), Rho, "0 < ρ < 1");
        Require(Steps >= 0, nameof(Steps), Steps, "a number of steps ≥ 0");
        Require(LearningRate > 0 && double.IsFinite(LearningRate), nameof(LearningRate), LearningRate, "a positive learning rate");
        Require(UserBatch > 0, nameof(UserBatch), UserBatch, "a positive batch size");
        Require(ItemBatch > 0, nameof(ItemBatch), ItemBatch, "a positive batch size");
        Require(PairsPerStep > 0, nameof(PairsPerStep), PairsPerStep, "a positive batch size");
        Require(Enum.IsDefined(Variant), nameof(Variant), Variant, "Plain, TopK or Matryoshka");
        Require((Variant == SaeVariant.TopK) == (TopK is not null), nameof(TopK), TopK?.ToString(CultureInfo.InvariantCulture) ?? "null", "a k exactly when the variant is TopK");
        Require(TopK is null || (TopK > 0 && TopK <= Latents), nameof(TopK), TopK ?? 0, "1 ≤ k ≤ m");
        Require(Variant != SaeVariant.Matryoshka || Latents >= 4, nameof(Latents), Latents, "at least 4 latents for Matryoshka prefixes");
    }

    /// <summary>One line for table headers.</summary>
    public string Describe() =>
        string.Create(CultureInfo.InvariantCulture,
            $"m={Latents}, λ_emb={EmbeddingWeight}, λ_pred={PredictionWeight}, λ_L1={L1Weight}, λ_KL={KlWeight}, ρ={Rho}, steps={Steps}, lr={LearningRate}, ")
        + ScheduleText()
        + (Variant == SaeVariant.Matryoshka ? ", Matryoshka" : "")
        + (TopK is int k ? string.Create(CultureInfo.InvariantCulture, $", TopK k={k}") : "");

    private string ScheduleText() => Schedule switch
    {
        SaeSchedule.UserItemStreams => string.Create(CultureInfo.InvariantCulture, $"batch={UserBatch}u×{ItemBatch}i"),
        SaeSchedule.AlignedPairs => string.Create(CultureInfo.InvariantCulture, $"batch={PairsPerStep} pairs"),
        _ => string.Create(CultureInfo.InvariantCulture, $"batch={UserBatch}u×{ItemBatch}i or {PairsPerStep} pairs"),
    };
}
