using FluentAssertions;
using NUnit.Framework;
using Repro.Cli.Report;

namespace Repro.Tests.Cli;

/// <summary>The report's chart helpers write PNGs for the edge cases real runs rarely hit.</summary>
[TestFixture]
public sealed class PlotsTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Dead latents (frequency 0) and NaN dose-response points still give a valid PNG (kept in the test folder for a look).</summary>
    [Test]
    public void Dead_latents_and_missing_points_still_plot()
    {
        string dir = Path.Combine(TestContext.CurrentContext.WorkDirectory, "plots-preview");
        string bars = Path.Combine(dir, "frequency-with-dead.png");
        string lines = Path.Combine(dir, "lines-with-nan.png");
        Plots.LatentFrequency(bars, "Latent activation frequency, test (m = 8, dead: 3)", [0.4, 0, 0.3, 0, 0.5, 0.2, 0, 0.1]);
        Plots.Lines(lines, "Lines with a missing point", "v", "share",
            [new Series("ours", [0, 1, 2], [0.1, 0.2, 0.3], Reference: 0.05), new Series("paper", [0, 1, 2], [0.1, double.NaN, 0.4], Dashed: true, Color: 0)]);
        File.ReadAllBytes(bars).Take(8).Should().Equal(PngSignature);
        File.ReadAllBytes(lines).Take(8).Should().Equal(PngSignature);
    }
}
