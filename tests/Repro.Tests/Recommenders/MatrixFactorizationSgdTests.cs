using FluentAssertions;
using NUnit.Framework;
using Repro.Recommenders;

namespace Repro.Tests.Recommenders;

/// <summary>The paper's summed MF update against a step computed by hand.</summary>
public class MatrixFactorizationSgdTests
{
    /// <summary>
    /// One batch of two samples sharing user 0: both steps come from the pre-batch parameters and are summed
    /// into user 0's row and bias.
    /// </summary>
    [Test]
    public void Summed_step_on_two_users_and_two_items_matches_hand_computation()
    {
        float[] p = [0.1f, 0.2f, 0.3f, -0.1f];
        float[] q = [0.2f, 0.0f, -0.1f, 0.4f];
        float[] bu = [0.0f, 0.5f];
        float[] bi = [0.1f, -0.2f];
        var sgd = new MatrixFactorizationSgd(p, q, bu, bi, dim: 2, alpha: 0.5, l2: 0.1);

        double loss = sgd.Step([0, 0], [0, 1], [1f, 0f], 0, 2);

        // Sample 1 (u0, i0, r=1): x = 0 + 0.1 + (0.1·0.2 + 0.2·0) = 0.12, σ = 0.529964, e1 = 0.470036.
        // Sample 2 (u0, i1, r=0): x = 0 − 0.2 + (0.1·(−0.1) + 0.2·0.4) = −0.13, σ = 0.467546, e2 = −0.467546.
        // BCE = −log 0.529964 − log(1 − 0.467546) = 0.634946 + 0.630264 = 1.265210.
        loss.Should().BeApproximately(1.265210, 1e-5);
        // b_u0 = 0 + 0.5(e1 − 0) + 0.5(e2 − 0) = 0.5(0.470036 − 0.467546) = 0.001245.
        bu[0].Should().BeApproximately(0.0012451f, 1e-6f);
        bu[1].Should().Be(0.5f);
        // b_i0 = 0.1 + 0.5(0.470036 − 0.1·0.1) = 0.330018;  b_i1 = −0.2 + 0.5(−0.467546 + 0.02) = −0.423773.
        bi[0].Should().BeApproximately(0.3300180f, 1e-6f);
        bi[1].Should().BeApproximately(-0.4237728f, 1e-6f);
        // p_00 = 0.1 + 0.5(e1·0.2 − 0.01) + 0.5(e2·(−0.1) − 0.01) = 0.1 + 0.0420036 + 0.0183773 = 0.160381.
        // p_01 = 0.2 + 0.5(e1·0 − 0.02) + 0.5(e2·0.4 − 0.02) = 0.2 − 0.01 − 0.1035091 = 0.086491.
        p[0].Should().BeApproximately(0.1603809f, 1e-6f);
        p[1].Should().BeApproximately(0.0864909f, 1e-6f);
        p[2].Should().Be(0.3f);
        p[3].Should().Be(-0.1f);
        // q_0 = q_0 + 0.5(e1·p_0 − 0.1·q_0) = (0.2 + 0.5(0.0470036 − 0.02), 0 + 0.5·0.0940072) = (0.213502, 0.047004).
        // q_1 = (−0.1 + 0.5(−0.0467546 + 0.01), 0.4 + 0.5(−0.0935091 − 0.04)) = (−0.118377, 0.333245).
        q[0].Should().BeApproximately(0.2135018f, 1e-6f);
        q[1].Should().BeApproximately(0.0470036f, 1e-6f);
        q[2].Should().BeApproximately(-0.1183773f, 1e-6f);
        q[3].Should().BeApproximately(0.3332454f, 1e-6f);
    }
}

/// <summary>
/// The lean Adam that trains NCF recommenders and every SAE, against Adam's formula (Kingma &amp; Ba, PyTorch's form:
/// bias-corrected moments, ε outside the square root) computed independently in double precision. TorchSharp's own
/// optim.Adam is not the reference: its step makes Scalar temporaries that the finalizer can free mid-call
/// (STACK.md), so it is never called on the torch path; the suite showed LeanAdam's SAE checkpoints bit-identical
/// to the ones optim.Adam trained before it was replaced.
/// </summary>
public class LeanAdamTests
{
    /// <summary>Five steps on a small quadratic give the formula's parameters to float precision.</summary>
    [Test]
    public void Lean_adam_matches_the_adam_formula()
    {
        float[] start = [1f, -2f, 0.5f];
        double[] w = [1, 2, 3];
        const double Lr = 0.1, Beta1 = 0.9, Beta2 = 0.999, Eps = 1e-8;
        using var a = new TorchSharp.Modules.Parameter(TorchSharp.torch.tensor(start));
        using var lean = new LeanAdam([a], Lr);
        using var three = TorchSharp.torch.tensor(3f);
        using var weights = TorchSharp.torch.tensor(w.Select(x => (float)x).ToArray());
        double[] p = [.. start.Select(x => (double)x)], m = new double[3], v = new double[3];
        for (int step = 1; step <= 5; step++)
        {
            lean.ZeroGrad();
            // d/dp of Σ (p − 3)² · w with w = (1, 2, 3): distinct curvature per coordinate.
            using (var scope = TorchSharp.torch.NewDisposeScope())
            {
                (a - three).pow(Repro.Scalars.Two).mul(weights).sum().backward();
            }
            lean.Step();
            for (int k = 0; k < 3; k++)
            {
                double g = 2 * (p[k] - 3) * w[k];
                m[k] = (Beta1 * m[k]) + ((1 - Beta1) * g);
                v[k] = (Beta2 * v[k]) + ((1 - Beta2) * g * g);
                double mHat = m[k] / (1 - Math.Pow(Beta1, step)), vHat = v[k] / (1 - Math.Pow(Beta2, step));
                p[k] -= Lr * mHat / (Math.Sqrt(vHat) + Eps);
            }
        }
        float[] got = a.data<float>().ToArray();
        for (int k = 0; k < 3; k++)
        {
            got[k].Should().BeApproximately((float)p[k], 1e-5f, $"coordinate {k}");
        }
        got[0].Should().NotBe(1f);
    }
}
