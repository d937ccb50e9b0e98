namespace Repro.Recommenders;

/// <summary>
/// The paper's MF update (SPEC §3): per mini-batch, every sample's SGD step is computed from the parameters as
/// they were before the batch, then all steps are summed into the rows (not averaged; a user or item that
/// appears twice gets both steps). <c>e = r − s</c>: <c>b_u += α(e − λ_L2 b_u)</c>, <c>b_i += α(e − λ_L2 b_i)</c>,
/// <c>p_u += α(e q_i − λ_L2 p_u)</c>, <c>q_i += α(e p_u − λ_L2 q_i)</c> (λ_L2 is <see cref="RecommenderSettings.L2"/>; SPEC §3 calls it β,
/// which the paper also uses for λ_pred, so here β names neither). Plain arrays: no autograd is involved, and
/// a batch of 8 costs a few hundred nanoseconds instead of a few dozen tensor dispatches.
/// </summary>
public sealed class MatrixFactorizationSgd
{
    private readonly float[] _p, _q, _bu, _bi;
    private readonly int _k;
    private readonly float _alpha, _l2;
    private float[] _dp = [], _dq = [], _dbu = [], _dbi = [], _e = [];

    /// <summary>Wraps row-major parameter arrays that this object updates in place.</summary>
    public MatrixFactorizationSgd(float[] p, float[] q, float[] userBias, float[] itemBias, int dim, double alpha, double l2)
    {
        _p = p;
        _q = q;
        _bu = userBias;
        _bi = itemBias;
        _k = dim;
        _alpha = (float)alpha;
        _l2 = (float)l2;
    }

    /// <summary>
    /// Applies one summed step for the samples <c>[start, start + count)</c> and returns their summed binary
    /// cross-entropy (computed before the step, from the logits).
    /// </summary>
    public double Step(int[] users, int[] items, float[] labels, int start, int count)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(labels);
        int k = _k;
        if (_e.Length < count)
        {
            _e = new float[count];
            _dbu = new float[count];
            _dbi = new float[count];
            _dp = new float[count * k];
            _dq = new float[count * k];
        }
        float a = _alpha, b = _l2;
        double loss = 0;
        for (int s = 0; s < count; s++)
        {
            int u = users[start + s], i = items[start + s];
            var pu = _p.AsSpan(u * k, k);
            var qi = _q.AsSpan(i * k, k);
            float x = _bu[u] + _bi[i] + Dot(pu, qi);
            float y = labels[start + s];
            float sig = 1f / (1f + MathF.Exp(-x));
            float e = y - sig;
            // BCE from the logit (stable form): max(x,0) − x·y + log(1 + e^{−|x|}).
            loss += Math.Max(x, 0f) - (x * y) + Math.Log(1.0 + Math.Exp(-Math.Abs(x)));
            _e[s] = e;
            _dbu[s] = a * (e - (b * _bu[u]));
            _dbi[s] = a * (e - (b * _bi[i]));
            var dpu = _dp.AsSpan(s * k, k);
            var dqi = _dq.AsSpan(s * k, k);
            for (int d = 0; d < k; d++)
            {
                dpu[d] = a * ((e * qi[d]) - (b * pu[d]));
                dqi[d] = a * ((e * pu[d]) - (b * qi[d]));
            }
        }
        for (int s = 0; s < count; s++)
        {
            int u = users[start + s], i = items[start + s];
            _bu[u] += _dbu[s];
            _bi[i] += _dbi[s];
            var pu = _p.AsSpan(u * k, k);
            var qi = _q.AsSpan(i * k, k);
            var dpu = _dp.AsSpan(s * k, k);
            var dqi = _dq.AsSpan(s * k, k);
            for (int d = 0; d < k; d++)
            {
                pu[d] += dpu[d];
                qi[d] += dqi[d];
            }
        }
        return loss;
    }

    /// <summary>The first non-finite parameter value, if any (name and value), for the trainer's guard.</summary>
    public (string Where, float Value)? FirstNonFinite()
    {
        foreach (var (name, values) in new[] { ("P", _p), ("Q", _q), ("b_u", _bu), ("b_i", _bi) })
        {
            for (int j = 0; j < values.Length; j++)
            {
                if (!float.IsFinite(values[j]))
                {
                    return ($"{name}[{j}]", values[j]);
                }
            }
        }
        return null;
    }

    private static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        float acc = 0;
        for (int d = 0; d < x.Length; d++)
        {
            acc += x[d] * y[d];
        }
        return acc;
    }
}
