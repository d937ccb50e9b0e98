using TorchSharp;
using TorchSharp.Modules;
using static Repro.Scalars;
using static TorchSharp.torch;

namespace Repro.Recommenders;

/// <summary>
/// Adam (Kingma &amp; Ba; PyTorch's form: bias-corrected, no weight decay, no AMSGrad) in five in-place ops per
/// parameter. TorchSharp's <c>optim.Adam</c> gives the same numbers but spends about 2 ms of bookkeeping per
/// step on NCF, more than the forward pass; this keeps NCF's 30 epochs within the time budget. Its step also makes
/// no Scalar temporaries (TorchSharp's does, STACK.md): the constant ones are kept for the optimiser's life, the two
/// that change every step for the step.
/// </summary>
public sealed class LeanAdam : IDisposable
{
    private readonly Parameter[] _parameters;
    private readonly Tensor[] _m;
    private readonly Tensor[] _v;
    private readonly double _lr, _beta1, _beta2;
    private readonly KeptScalars _kept = new();
    private readonly Scalar _beta1S, _oneMinusBeta1, _beta2S, _oneMinusBeta2, _epsS;
    private int _t;

    /// <summary>Creates the optimiser over the given parameters (moments start at zero).</summary>
    public LeanAdam(IEnumerable<Parameter> parameters, double lr, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8)
    {
        _parameters = parameters.ToArray();
        _m = _parameters.Select(p => Owned.Make(() => zeros_like(p))).ToArray();
        _v = _parameters.Select(p => Owned.Make(() => zeros_like(p))).ToArray();
        _lr = lr;
        _beta1 = beta1;
        _beta2 = beta2;
        _beta1S = _kept.Of(beta1);
        _oneMinusBeta1 = _kept.Of(1 - beta1);
        _beta2S = _kept.Of(beta2);
        _oneMinusBeta2 = _kept.Of(1 - beta2);
        _epsS = _kept.Of(eps);
    }

    /// <summary>Drops every parameter's gradient (the next backward pass allocates fresh ones).</summary>
    public void ZeroGrad()
    {
        // The grad getter and zero_() both hand back new handles: the scope frees them.
        using var scope = NewDisposeScope();
        foreach (var p in _parameters)
        {
            if (p.grad is { } g)
            {
                g.zero_();
            }
        }
    }

    /// <summary>One Adam step from the current gradients.</summary>
    public void Step()
    {
        _t++;
        double bc1 = 1 - Math.Pow(_beta1, _t);
        double bc2 = 1 - Math.Pow(_beta2, _t);
        using Scalar sqrtBc2 = Math.Sqrt(bc2);
        using Scalar stepSize = -_lr / bc1;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        for (int k = 0; k < _parameters.Length; k++)
        {
            if (_parameters[k].grad is not { } g)
            {
                continue;
            }
            _m[k].mul_(_beta1S).add_(g, alpha: _oneMinusBeta1);
            _v[k].mul_(_beta2S).addcmul_(g, g, value: _oneMinusBeta2);
            // √v as 1 / rsqrt(v): ATen's float sqrt goes through MKL's vector math, whose kernel (and last bit) depends on the
            // CPU's instruction set, so two machines drift apart; rsqrt is IEEE division of IEEE sqrt, the same everywhere
            // (README, "Determinism"). v = 0 gives 1 / ∞ = 0, as √0.
            Tensor denom = _v[k].rsqrt().reciprocal_().div_(sqrtBc2).add_(_epsS, One);
            _parameters[k].addcdiv_(_m[k], denom, value: stepSize);
        }
    }

    /// <summary>Frees the moment buffers and the Scalars.</summary>
    public void Dispose()
    {
        foreach (var t in _m.Concat(_v))
        {
            t.Dispose();
        }
        _kept.Dispose();
    }
}
