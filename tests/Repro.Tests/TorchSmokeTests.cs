using FluentAssertions;
using NUnit.Framework;
using TorchSharp;

namespace Repro.Tests;

/// <summary>TorchSharp's natives load on this machine (the Debian 12 libstdc++ fix in build/ works).</summary>
public class TorchSmokeTests
{
    /// <summary>TorchSharp loads and computes: a 2 × 3 tensor of ones sums to 6.</summary>
    [Test]
    public void Ones_sum_to_six()
    {
        torch.ones(2, 3).sum().item<float>().Should().Be(6f);
    }
}
