using System.Globalization;
using Repro.Recommenders;
using Repro.SparseAutoencoders;
using static TorchSharp.torch;

namespace Repro.Exchange;

/// <summary>
/// An SAE as the tensors SAELens and dictionary_learning use: <c>W_enc</c> [n, m], <c>b_enc</c> [m], <c>W_dec</c> [m, n],
/// <c>b_dec</c> [n]. Our SAEs are tied, with one weight W [m, n]: <c>W_enc = Wᵀ</c> and <c>W_dec = W</c>. The MF variant's
/// <c>b_enc</c> is its latent bias b_lat and <c>b_dec</c> its pre-bias b_pre, subtracted before encoding and added after
/// decoding, inside the per-vector normalisation (<see cref="ExportedSae.Normalisation"/>); the NCF variant has no decoder
/// bias, so its <c>b_dec</c> is zeros. Top-K and Matryoshka carry their base variant's tensors (k and the prefixes are in
/// the config).
/// </summary>
public static class SaeTensors
{
    /// <summary>The tensors' names, in file order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["W_enc", "b_enc", "W_dec", "b_dec"];

    /// <summary>The four tensors of a lone SAE (values copied to the host).</summary>
    public static IReadOnlyList<NamedTensor> Export(TiedSparseAutoencoder sae)
    {
        ArgumentNullException.ThrowIfNull(sae);
        int n = sae.InputDim, m = sae.Latents;
        float[] w = Host(() => sae.Weight);
        var (encoderBias, decoderBias) = Base(sae) switch
        {
            MfSparseAutoencoder mf => (Host(() => mf.LatentBias), Host(() => mf.PreBias)),
            NcfSparseAutoencoder ncf => (Host(() => ncf.Bias), new float[n]),
            var other => throw new NotSupportedException($"Cannot export a {other.GetType().Name}."),
        };
        return
        [
            new("W_enc", [n, m], Transpose(w, m, n)),
            new("b_enc", [m], encoderBias),
            new("W_dec", [m, n], w),
            new("b_dec", [n], decoderBias),
        ];
    }

    /// <summary>The shapes an SAE of n inputs and m latents has, by name.</summary>
    public static IReadOnlyDictionary<string, long[]> Shapes(int inputDim, int latents) => new Dictionary<string, long[]>(StringComparer.Ordinal)
    {
        ["W_enc"] = [inputDim, latents],
        ["b_enc"] = [latents],
        ["W_dec"] = [latents, inputDim],
        ["b_dec"] = [inputDim],
    };

    /// <summary>What each tensor is, for the config.</summary>
    public static IReadOnlyDictionary<string, string> Describe(RecommenderKind kind, int inputDim, int latents) => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["W_enc"] = string.Create(CultureInfo.InvariantCulture, $"[{inputDim}, {latents}] encoder weight, the transpose of the tied weight W"),
        ["b_enc"] = string.Create(CultureInfo.InvariantCulture, $"[{latents}] encoder bias{(kind == RecommenderKind.MF ? " (b_lat)" : "")}"),
        ["W_dec"] = string.Create(CultureInfo.InvariantCulture, $"[{latents}, {inputDim}] decoder weight, the tied weight W itself (W_dec = W_enc transposed)"),
        ["b_dec"] = kind == RecommenderKind.MF
            ? string.Create(CultureInfo.InvariantCulture, $"[{inputDim}] decoder bias b_pre, also subtracted from the normalised input before encoding")
            : string.Create(CultureInfo.InvariantCulture, $"[{inputDim}] zeros: the NCF SAE has no decoder bias"),
    };

    /// <summary>
    /// Checks that the tensors are an SAE this suite can run: W_dec exactly W_encᵀ (our SAEs are tied) and, for NCF, a
    /// zero b_dec. Shapes and names are checked before (<see cref="ModelFolder"/>).
    /// </summary>
    /// <exception cref="ExchangeFormatException">Untied weights, or a decoder bias on an NCF SAE.</exception>
    public static void CheckRepresentable(string file, RecommenderKind kind, int inputDim, int latents, IReadOnlyDictionary<string, NamedTensor> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        float[] enc = tensors["W_enc"].Values, dec = tensors["W_dec"].Values;
        for (int j = 0; j < latents; j++)
        {
            for (int i = 0; i < inputDim; i++)
            {
                float a = dec[(j * inputDim) + i], b = enc[(i * latents) + j];
                if (BitConverter.SingleToInt32Bits(a) != BitConverter.SingleToInt32Bits(b))
                {
                    throw new ExchangeFormatException(file, string.Create(CultureInfo.InvariantCulture,
                        $"W_dec[{j}, {i}] = {a:R} but W_enc[{i}, {j}] = {b:R}: this suite's SAEs are tied (W_dec must equal W_enc transposed), so it cannot run untied weights."));
                }
            }
        }
        if (kind == RecommenderKind.NCF && tensors["b_dec"].Values.Select((v, i) => (v, i)).FirstOrDefault(p => p.v != 0) is { v: not 0f } nonzero)
        {
            throw new ExchangeFormatException(file, string.Create(CultureInfo.InvariantCulture,
                $"b_dec[{nonzero.i}] = {nonzero.v:R}: an NCF SAE has no decoder bias, so b_dec must be zeros."));
        }
    }

    /// <summary>
    /// A lone SAE of <paramref name="settings"/>' variant on <paramref name="device"/> holding these tensors (already
    /// checked by <see cref="CheckRepresentable"/>), in eval mode.
    /// </summary>
    public static TiedSparseAutoencoder Import(RecommenderKind kind, int inputDim, SaeSettings settings, ulong seed, IReadOnlyDictionary<string, NamedTensor> tensors, TorchSharp.torch.Device device)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(tensors);
        var sae = SparseAutoencoderFactory.Create(kind, inputDim, settings, (long)seed, device);
        int n = inputDim, m = settings.Latents;
        using (NewDisposeScope())
        using (no_grad())
        {
            sae.Weight.copy_(tensor(tensors["W_dec"].Values).reshape(m, n));
            switch (Base(sae))
            {
                case MfSparseAutoencoder mf:
                    mf.LatentBias.copy_(tensor(tensors["b_enc"].Values));
                    mf.PreBias.copy_(tensor(tensors["b_dec"].Values));
                    break;
                case NcfSparseAutoencoder ncf:
                    ncf.Bias.copy_(tensor(tensors["b_enc"].Values));
                    break;
            }
        }
        sae.eval();
        return sae;
    }

    private static TiedSparseAutoencoder Base(TiedSparseAutoencoder sae) => sae switch
    {
        TopKSparseAutoencoder top => top.Inner,
        MatryoshkaSparseAutoencoder nested => nested.Inner,
        _ => sae,
    };

    // The accessor runs inside the scope: the view it makes is freed with it, never by the finalizer.
    private static float[] Host(Func<Tensor> view)
    {
        using var scope = NewDisposeScope();
        return view().detach().to(ScalarType.Float32).cpu().contiguous().data<float>().ToArray();
    }

    private static float[] Transpose(float[] values, int rows, int cols)
    {
        var t = new float[values.Length];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                t[(c * rows) + r] = values[(r * cols) + c];
            }
        }
        return t;
    }
}
