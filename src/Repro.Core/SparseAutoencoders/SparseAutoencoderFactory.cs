namespace Repro.SparseAutoencoders;

/// <summary>Builds the SAE variant a recommender kind and settings call for (SPEC §4).</summary>
public static class SparseAutoencoderFactory
{
    /// <summary>
    /// MF recommenders get the per-vector-normalised variant, NCF the plain one; <see cref="SaeSettings.Matryoshka"/>
    /// and <see cref="SaeSettings.TopK"/> wrap it. Weights come from <paramref name="seed"/>.
    /// </summary>
    public static TiedSparseAutoencoder Create(string recommenderKind, int inputDim, SaeSettings settings, long seed)
    {
        ArgumentNullException.ThrowIfNull(settings);
        TiedSparseAutoencoder baseModel = recommenderKind switch
        {
            "MF" => new MfSparseAutoencoder(inputDim, settings.Latents, seed),
            "NCF" => new NcfSparseAutoencoder(inputDim, settings.Latents, seed),
            _ => throw new ArgumentException($"Unknown recommender kind '{recommenderKind}': expected MF or NCF.", nameof(recommenderKind)),
        };
        if (settings.Matryoshka && settings.TopK is not null)
        {
            throw new ArgumentException("Matryoshka and Top-K together are not a variant of the paper.", nameof(settings));
        }
        if (settings.Matryoshka)
        {
            return new MatryoshkaSparseAutoencoder(baseModel);
        }
        return settings.TopK is int k ? new TopKSparseAutoencoder(baseModel, k) : baseModel;
    }
}
