namespace Repro.Tests.TestDoubles;

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
