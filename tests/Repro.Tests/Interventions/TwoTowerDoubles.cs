using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Repro.Recommenders;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Tests.Interventions;

/// <summary>A frozen "MF"-like two-tower: s(u, i) = b_u + b_i + p_u·q_i, all tensors hand-set.</summary>
internal sealed class DotTwoTower : ITwoTower
{
    private readonly Tensor _userBias, _itemBias;

    public DotTwoTower(float[,] users, float[,] items, float[]? userBias = null, float[]? itemBias = null)
    {
        UserVectors = tensor(users);
        ItemVectors = tensor(items);
        _userBias = tensor(userBias ?? new float[users.GetLength(0)]);
        _itemBias = tensor(itemBias ?? new float[items.GetLength(0)]);
    }

    public string Kind => "MF";
    public int Dim => (int)UserVectors.shape[1];
    public int UserCount => (int)UserVectors.shape[0];
    public int ItemCount => (int)ItemVectors.shape[0];
    public Tensor UserVectors { get; }
    public Tensor ItemVectors { get; }

    /// <summary>Every tensor the model owns (vectors and biases), for hashing.</summary>
    public IEnumerable<Tensor> Weights => [UserVectors, ItemVectors, _userBias, _itemBias];

    public Tensor PairLogits(Tensor userIndex, Tensor userVectors, Tensor itemIndex, Tensor itemVectors) =>
        _userBias.index_select(0, userIndex) + _itemBias.index_select(0, itemIndex) + (userVectors * itemVectors).sum(1);

    public Tensor BlockLogits(Tensor userIndex, Tensor userVectors, Tensor itemIndex, Tensor itemVectors) =>
        _userBias.index_select(0, userIndex).unsqueeze(1) + _itemBias.index_select(0, itemIndex).unsqueeze(0) + userVectors.matmul(itemVectors.t());

    public void Dispose()
    {
        foreach (var t in Weights)
        {
            t.Dispose();
        }
    }
}

/// <summary>
/// A frozen "NCF"-like two-tower: s(u, i) = w₂·ReLU(W_u u + W_i i + b₁) + b₂ (one hidden layer on [u; i]),
/// all tensors hand-set.
/// </summary>
internal sealed class MlpTwoTower : ITwoTower
{
    private readonly Tensor _wUser, _wItem, _b1, _w2, _b2;

    public MlpTwoTower(float[,] users, float[,] items, float[,] wUser, float[,] wItem, float[] b1, float[] w2, float b2)
    {
        UserVectors = tensor(users);
        ItemVectors = tensor(items);
        _wUser = tensor(wUser);
        _wItem = tensor(wItem);
        _b1 = tensor(b1);
        _w2 = tensor(w2);
        _b2 = tensor(new[] { b2 });
    }

    public string Kind => "NCF";
    public int Dim => (int)UserVectors.shape[1];
    public int UserCount => (int)UserVectors.shape[0];
    public int ItemCount => (int)ItemVectors.shape[0];
    public Tensor UserVectors { get; }
    public Tensor ItemVectors { get; }

    public IEnumerable<Tensor> Weights => [UserVectors, ItemVectors, _wUser, _wItem, _b1, _w2, _b2];

    public Tensor PairLogits(Tensor userIndex, Tensor userVectors, Tensor itemIndex, Tensor itemVectors) =>
        nn.functional.relu(userVectors.matmul(_wUser.t()) + itemVectors.matmul(_wItem.t()) + _b1).matmul(_w2) + _b2;

    public Tensor BlockLogits(Tensor userIndex, Tensor userVectors, Tensor itemIndex, Tensor itemVectors)
    {
        Tensor hu = userVectors.matmul(_wUser.t()).unsqueeze(1);   // [B, 1, h]
        Tensor hi = itemVectors.matmul(_wItem.t()).unsqueeze(0);   // [1, C, h]
        return nn.functional.relu(hu + hi + _b1).matmul(_w2) + _b2;    // [B, C]
    }

    public void Dispose()
    {
        foreach (var t in Weights)
        {
            t.Dispose();
        }
    }
}

/// <summary>SHA-256 over the raw float bytes of tensors: equal hashes mean bit-identical weights.</summary>
internal static class WeightHash
{
    public static string Of(IEnumerable<Tensor> tensors)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var t in tensors)
        {
            float[] data = t.detach().cpu().contiguous().data<float>().ToArray();
            sha.AppendData(MemoryMarshal.AsBytes(data.AsSpan()));
        }
        return Convert.ToHexString(sha.GetHashAndReset());
    }
}

/// <summary>Small dense-matrix helpers for hand-set doubles.</summary>
internal static class Matrices
{
    public static float[,] Identity(int n)
    {
        var m = new float[n, n];
        for (int k = 0; k < n; k++)
        {
            m[k, k] = 1;
        }
        return m;
    }

    /// <summary>[I; −I] (2n × n): a tied SAE with these weights splits x into its positive and negative parts.</summary>
    public static float[,] PlusMinusIdentity(int n)
    {
        var m = new float[2 * n, n];
        for (int k = 0; k < n; k++)
        {
            m[k, k] = 1;
            m[n + k, k] = -1;
        }
        return m;
    }

    public static float[,] Random(int rows, int cols, ulong seed, double scale)
    {
        var rng = new SeededRandom(seed);
        var m = new float[rows, cols];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                m[r, c] = (float)(rng.NextGaussian() * scale);
            }
        }
        return m;
    }
}
