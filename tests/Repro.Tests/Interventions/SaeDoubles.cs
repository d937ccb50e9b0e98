using Repro.SparseAutoencoders;
using static Repro.Scalars;
using static TorchSharp.torch;

namespace Repro.Tests.Interventions;

/// <summary>
/// The MF-style SAE of SPEC §4 with hand-set weights: x̃ = (x − μ)/(σ + 1e-5), z = ReLU(W(x̃ − b_pre) + b_lat),
/// x̂ = (Wᵀz + b_pre)·σ + μ, μ and σ (unbiased) of the ORIGINAL vector.
/// </summary>
internal sealed class NormalisingTiedSae : ISparseAutoencoder
{
    private static readonly TorchSharp.Scalar StdGuard = 1e-5;
    private readonly Tensor _w, _bPre, _bLat;

    public NormalisingTiedSae(float[,] w, float[]? bPre = null, float[]? bLat = null)
    {
        _w = tensor(w);
        _bPre = tensor(bPre ?? new float[w.GetLength(1)]);
        _bLat = tensor(bLat ?? new float[w.GetLength(0)]);
    }

    public int InputDim => (int)_w.shape[1];
    public int Latents => (int)_w.shape[0];
    public IEnumerable<Tensor> Weights => [_w, _bPre, _bLat];

    public Tensor Encode(Tensor x)
    {
        var (mu, sigma) = Moments(x);
        Tensor xt = (x - mu) / sigma.add(StdGuard, One);
        return nn.functional.relu((xt - _bPre).matmul(_w.t()).add(_bLat, One));
    }

    public Tensor Decode(Tensor z, Tensor original)
    {
        var (mu, sigma) = Moments(original);
        return z.matmul(_w).add(_bPre, One).mul(sigma).add(mu, One);
    }

    private static (Tensor Mu, Tensor Sigma) Moments(Tensor x) => (x.mean([1], keepdim: true), x.std(1, unbiased: true, keepdim: true));
}

/// <summary>The NCF-style SAE of SPEC §4 with hand-set weights: z = ReLU(Wx + b), x̂ = Wᵀz.</summary>
internal sealed class PlainTiedSae : ISparseAutoencoder
{
    private readonly Tensor _w, _b;

    public PlainTiedSae(float[,] w, float[]? b = null)
    {
        _w = tensor(w);
        _b = tensor(b ?? new float[w.GetLength(0)]);
    }

    public int InputDim => (int)_w.shape[1];
    public int Latents => (int)_w.shape[0];
    public IEnumerable<Tensor> Weights => [_w, _b];

    public Tensor Encode(Tensor x) => nn.functional.relu(x.matmul(_w.t()).add(_b, One));

    public Tensor Decode(Tensor z, Tensor original) => z.matmul(_w);
}
