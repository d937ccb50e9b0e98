using FluentAssertions;
using NUnit.Framework;
using Repro.Analysis;
using Repro.Data;
using Repro.SparseAutoencoders;
using Repro.Tests.TestDoubles;
using static TorchSharp.torch;

namespace Repro.Tests.Analysis;

/// <summary>Fidelity of a lossless SAE is the identical-list value, and of a broken one is far lower.</summary>
public class FidelityTests
{
    /// <summary>W = [I; −I] reconstructs exactly (ReLU(x) − ReLU(−x) = x), so every top-30 list is unchanged.</summary>
    [Test]
    public void Lossless_sae_scores_identical_list_values()
    {
        var data = SyntheticDataset.Generate();
        var split = Split.Create(data, new SplitSettings());
        using var model = DotTwoTower.Random(data.UserCount, data.ItemCount, 4, 2);
        using var sae = new NcfSparseAutoencoder(4, 8, seed: 1);
        var identity = eye(4);
        using (no_grad())
        {
            sae.Weight.copy_(cat([identity, -identity]));
        }
        var f = Fidelity.Measure(model, sae, split);
        f.Users.Should().Be(split.SaeTestUsers.Length);
        f.Rbo.Should().BeApproximately(1 - Math.Pow(0.9, 30), 1e-9);
        f.RboExt.Should().BeApproximately(1, 1e-9);
        f.KendallTau.Should().BeApproximately(1, 1e-9);

        using (no_grad())
        {
            sae.Weight.copy_(cat([identity, identity])); // decodes ReLU(x) + ReLU(x): loses every negative coordinate
        }
        Fidelity.Measure(model, sae, split).RboExt.Should().BeLessThan(0.9);
    }
}
