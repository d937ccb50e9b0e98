using FluentAssertions;
using NUnit.Framework;
using Repro.SparseAutoencoders;
using static TorchSharp.torch;

namespace Repro.Tests.SparseAutoencoders;

/// <summary>SAE health numbers against hand-computed values, and the hard health checks.</summary>
public class SaeHealthTests
{
    /// <summary>L0, dead latents, FVU, zero-code FVU and per-latent statistics on a 2-latent identity SAE.</summary>
    [Test]
    public void Health_matches_hand_computed_values()
    {
        using var sae = new NcfSparseAutoencoder(2, 2, seed: 1);
        SaeArchitectureTests.Set(sae.Weight, [1, 0, 0, 1], 2, 2);
        var users = tensor(new float[] { 1, -1 }).reshape(1, 2);
        var items = tensor(new float[] { 2, 0 }).reshape(1, 2);
        var h = SaeHealth.Measure(sae, users, items);
        // z_u = ReLU([1, −1]) = [1, 0], z_i = [2, 0]: L0 = 1 each; latent 2 never fires → 1 dead of 2
        h.L0Users.Should().Be(1);
        h.L0Items.Should().Be(1);
        h.DeadLatents.Should().Be(1);
        h.DeadRate.Should().Be(0.5);
        // x = [[1,−1],[2,0]], x̄ = [1.5,−0.5]: Σ‖x−x̄‖² = 4·0.25 = 1; x̂ = [[1,0],[2,0]]: Σ‖x−x̂‖² = 1 → FVU 1
        h.Fvu.Should().BeApproximately(1.0, 1e-9);
        // zero code decodes to 0: Σ‖x‖² = 2 + 4 = 6 → 6
        h.ZeroCodeFvu.Should().BeApproximately(6.0, 1e-9);
        h.MeanActivation.Should().Equal(1.5, 0.0);
        h.ActivationFrequency.Should().Equal(1.0, 0.0);
    }

    /// <summary>A perfect reconstruction has FVU 0.</summary>
    [Test]
    public void Perfect_reconstruction_has_zero_fvu()
    {
        var x = randn(10, 3, generator: new Generator(1));
        SaeHealth.Fvu(x, x).Should().Be(0);
    }

    /// <summary>The checks accept a healthy report and name each violation of an unhealthy one.</summary>
    [Test]
    public void Checks_name_every_violation()
    {
        var healthy = new SaeHealthReport(10, 2, 3, 2, 0.3, 0.3, 0.3, 1.5, new double[10], new double[10]);
        SaeHealthChecks.Violations(healthy).Should().BeEmpty();
        var sick = new SaeHealthReport(10, 0.5, 6, 3, 1.7, 0.3, 0.3, 1.5, new double[10], new double[10]);
        var problems = SaeHealthChecks.Violations(sick);
        problems.Should().HaveCount(4);
        problems.Should().Contain(p => p.Contains("dead", StringComparison.Ordinal));
        problems.Should().Contain(p => p.Contains("L0 of users", StringComparison.Ordinal));
        problems.Should().Contain(p => p.Contains("L0 of items", StringComparison.Ordinal));
        problems.Should().Contain(p => p.Contains("zero-code", StringComparison.Ordinal));
        var act = () => SaeHealthChecks.EnsureHealthy(sick with { Fvu = double.NaN }, "x");
        act.Should().Throw<InvalidOperationException>().WithMessage("*FVU is NaN*");
    }
}
