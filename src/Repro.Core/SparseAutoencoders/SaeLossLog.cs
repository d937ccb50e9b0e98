using System.Globalization;
using static Repro.Scalars;
using static TorchSharp.torch;

namespace Repro.SparseAutoencoders;

/// <summary>
/// The loss terms of one or more SAEs trained side by side, summed on the device step by step and read to the host
/// once per report (<see cref="SaeTrainer.ReportEvery"/> steps, and the last step): one read for all SAEs, their
/// chunk means as <see cref="SaeProgress"/>, and the finiteness guard.
/// </summary>
internal sealed class SaeLossLog(int members, int steps, TorchSharp.torch.Device device) : IDisposable
{
    private static readonly string[] TermNames = ["total", "embedding", "prediction", "L1", "KL"];

    private readonly Tensor _sums = zeros([members, TermNames.Length], dtype: ScalarType.Float32, device: device);
    private int _since;

    /// <summary>Adds one step's terms ([S] each), without a host read.</summary>
    public void Add(SaeLossTerms terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        using var scope = NewDisposeScope();
        Add(stack([terms.Total, terms.Embedding, terms.Prediction, terms.L1, terms.Kl], 1));
    }

    /// <summary>Adds one step's terms as one [SAEs, 5] tensor (total, embedding, prediction, L1, KL per row).</summary>
    public void Add(Tensor terms)
    {
        using (no_grad())
        {
            _sums.add_(terms.detach(), One);
        }
        _since++;
    }

    /// <summary>
    /// After step <paramref name="step"/> (1-based): null between reports; at a report, each SAE's chunk means, once
    /// every term of every SAE is checked finite.
    /// </summary>
    /// <param name="step">The step just done.</param>
    /// <param name="who">Names SAE k in the divergence message (e.g. " of sweep member 2 (…)"; empty for a lone SAE).</param>
    /// <exception cref="InvalidOperationException">A term of some SAE is non-finite; names the steps, the term and the SAE.</exception>
    public SaeProgress[]? After(int step, Func<int, string> who)
    {
        if (_since < SaeTrainer.ReportEvery && step != steps)
        {
            return null;
        }
        float[] sums;
        using (NewDisposeScope())
        {
            sums = _sums.cpu().data<float>().ToArray();
            // Zeroed now, inside the scope that frees the handle zero_() returns; the sums were read above.
            _sums.zero_();
        }
        int first = step - _since + 1;
        var reports = new SaeProgress[members];
        for (int s = 0; s < members; s++)
        {
            var mean = new double[TermNames.Length];
            for (int k = 0; k < mean.Length; k++)
            {
                mean[k] = (double)sums[(s * TermNames.Length) + k] / _since;
                if (!double.IsFinite(mean[k]))
                {
                    throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                        $"SAE training diverged: the {TermNames[k]} loss{who(s)} is {mean[k]} in steps {first}–{step}."));
                }
            }
            reports[s] = new SaeProgress(step, steps, mean[0], mean[1], mean[2], mean[3], mean[4]);
        }
        _since = 0;
        return reports;
    }

    /// <inheritdoc/>
    public void Dispose() => _sums.Dispose();
}
