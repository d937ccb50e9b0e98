namespace Repro.Analysis;

/// <summary>
/// The one item order every analysis reads a neuron by: items sorted by activation, highest first, ties broken by
/// the lower item index so every top-K list is deterministic (ReLU latents tie at 0 for most items).
/// </summary>
public static class ActivationRanking
{
    /// <summary>Item indices of neuron <paramref name="neuron"/> by activation descending, ties to the lower index.</summary>
    public static int[] Rank(float[,] activations, int neuron) => Top(activations, neuron, ItemCount(activations));

    /// <summary>
    /// The first <paramref name="k"/> items of <see cref="Rank"/>; k above the item count is clamped to it, so
    /// a purity@50 on a 30-item hand-built matrix reads the whole catalogue rather than failing.
    /// </summary>
    public static int[] Top(float[,] activations, int neuron, int k)
    {
        ArgumentNullException.ThrowIfNull(activations);
        int items = activations.GetLength(0);
        ArgumentOutOfRangeException.ThrowIfNegative(neuron);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(neuron, activations.GetLength(1));
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        k = Math.Min(k, items);
        var keys = new float[items];
        var order = new int[items];
        for (int i = 0; i < items; i++)
        {
            // NaN would make the sort order undefined; an upstream bug must surface, not shuffle neurons.
            float z = activations[i, neuron];
            if (float.IsNaN(z))
            {
                throw new ArgumentException($"Activation of item {i}, neuron {neuron} is NaN.", nameof(activations));
            }
            keys[i] = z;
            order[i] = i;
        }
        Array.Sort(order, (a, b) =>
        {
            int c = keys[b].CompareTo(keys[a]);
            return c != 0 ? c : a.CompareTo(b);
        });
        return k == items ? order : order[..k];
    }

    /// <summary>
    /// Whether a neuron never fires (every activation ≤ 0 for a ReLU code, or constant in general): its "top items"
    /// are just the lowest indices, so analyses skip it rather than credit it with an accidental concept.
    /// </summary>
    public static bool IsDead(float[,] activations, int neuron)
    {
        ArgumentNullException.ThrowIfNull(activations);
        int items = activations.GetLength(0);
        if (items == 0)
        {
            return true;
        }
        float first = activations[0, neuron];
        for (int i = 1; i < items; i++)
        {
            if (activations[i, neuron] != first)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// A [rows, cols] matrix from row-major data, e.g. <c>encoded.cpu().data&lt;float&gt;().ToArray()</c> of an
    /// [items, neurons] tensor, so the analyses stay free of TorchSharp.
    /// </summary>
    public static float[,] FromRowMajor(ReadOnlySpan<float> data, int rows, int cols)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(cols);
        if (data.Length != (long)rows * cols)
        {
            throw new ArgumentException($"{data.Length} values cannot fill {rows} × {cols}.", nameof(data));
        }
        var m = new float[rows, cols];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                m[r, c] = data[r * cols + c];
            }
        }
        return m;
    }

    /// <summary>Number of items (rows).</summary>
    public static int ItemCount(float[,] activations)
    {
        ArgumentNullException.ThrowIfNull(activations);
        return activations.GetLength(0);
    }

    /// <summary>Number of neurons (columns).</summary>
    public static int NeuronCount(float[,] activations)
    {
        ArgumentNullException.ThrowIfNull(activations);
        return activations.GetLength(1);
    }
}
