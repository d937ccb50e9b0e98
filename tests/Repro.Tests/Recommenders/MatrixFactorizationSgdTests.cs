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
        var sgd = new MatrixFactorizationSgd(p, q, bu, bi, dim: 2, alpha: 0.5, beta: 0.1);

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

/// <summary>The lean Adam used for NCF against TorchSharp's own Adam.</summary>
public class LeanAdamTests
{
    /// <summary>Five steps on a small quadratic give the same parameters as torch.optim.Adam to float precision.</summary>
    [Test]
    public void Lean_adam_matches_torch_adam()
    {
        using var a = new TorchSharp.Modules.Parameter(TorchSharp.torch.tensor(new float[] { 1f, -2f, 0.5f }));
        using var b = new TorchSharp.Modules.Parameter(TorchSharp.torch.tensor(new float[] { 1f, -2f, 0.5f }));
        using var lean = new LeanAdam([a], 0.1);
        using var reference = TorchSharp.torch.optim.Adam([b], 0.1);
        for (int step = 0; step < 5; step++)
        {
            lean.ZeroGrad();
            reference.zero_grad();
            // d/dp of Σ (p − 3)² · w with w = (1, 2, 3): distinct curvature per coordinate.
            using var w = TorchSharp.torch.tensor(new float[] { 1f, 2f, 3f });
            using var la = ((a - 3).square() * w).sum();
            using var lb = ((b - 3).square() * w).sum();
            la.backward();
            lb.backward();
            lean.Step();
            reference.step();
        }
        a.data<float>().ToArray().Should().BeEquivalentTo(b.data<float>().ToArray(), o => o.Using<float>(c => c.Subject.Should().BeApproximately(c.Expectation, 1e-6f)).WhenTypeIs<float>());
        a.data<float>()[0].Should().NotBe(1f);
    }
}
