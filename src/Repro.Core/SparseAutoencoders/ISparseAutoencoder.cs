using static TorchSharp.torch;

namespace Repro.SparseAutoencoders;

/// <summary>
/// What analysis and interventions need of any SAE variant (MF, NCF, Matryoshka, Top-K): one code per
/// embedding, and a decoder that accepts an edited code.
/// </summary>
public interface ISparseAutoencoder
{
    /// <summary>Input (embedding) dimension n.</summary>
    int InputDim { get; }

    /// <summary>Number of latents m.</summary>
    int Latents { get; }

    /// <summary>Latent codes z ≥ 0 (unless edited) for embeddings x: [B, n] → [B, m].</summary>
    Tensor Encode(Tensor x);

    /// <summary>
    /// Reconstructs embeddings from codes. <paramref name="original"/> is the embedding each code came from:
    /// the MF variant de-normalises with that vector's own mean and std; the NCF variant ignores it.
    /// </summary>
    Tensor Decode(Tensor z, Tensor original);
}
