using TorchSharp;

namespace Repro.SparseAutoencoders;

/// <summary>Builds the SAE variant a recommender kind and settings call for (SPEC §4).</summary>
public static class SparseAutoencoderFactory
{
    /// <summary>
    /// MF recommenders get the per-vector-normalised variant, NCF the plain one; <see cref="SaeSettings.Variant"/>
    /// and <see cref="SaeSettings.TopK"/> wrap it. Weights come from <paramref name="seed"/> (drawn on the CPU, so
    /// every device starts from the same weights) and live on <paramref name="device"/> (default CPU).
    /// </summary>
    public static TiedSparseAutoencoder Create(Recommenders.RecommenderKind recommenderKind, int inputDim, SaeSettings settings, long seed, TorchSharp.torch.Device? device = null, int members = 1)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var sae = CreateOnCpu(recommenderKind, inputDim, settings, seed, members);
        if (device is not null && device.type != TorchSharp.DeviceType.CPU)
        {
            sae.to(device);
        }
        return sae;
    }

    private static TiedSparseAutoencoder CreateOnCpu(Recommenders.RecommenderKind recommenderKind, int inputDim, SaeSettings settings, long seed, int members)
    {
        TiedSparseAutoencoder baseModel = recommenderKind switch
        {
            Recommenders.RecommenderKind.MF => new MfSparseAutoencoder(inputDim, settings.Latents, seed, members),
            Recommenders.RecommenderKind.NCF => new NcfSparseAutoencoder(inputDim, settings.Latents, seed, members),
            _ => throw new ArgumentOutOfRangeException(nameof(recommenderKind), recommenderKind, "Expected MF or NCF."),
        };
        return settings.Variant switch
        {
            SaeVariant.Matryoshka => new MatryoshkaSparseAutoencoder(baseModel),
            SaeVariant.TopK => new TopKSparseAutoencoder(baseModel, settings.TopK!.Value),
            _ => baseModel,
        };
    }
}
