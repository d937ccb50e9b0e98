using FluentAssertions;
using NUnit.Framework;
using Repro.Experiments;

namespace Repro.Tests.Experiments;

/// <summary>The λ_pred grid of the ablation: what it needs, and the settings it makes (only λ_pred changes).</summary>
public sealed class PredictionWeightGridTests
{
    /// <summary>The paper's grid and any other ascending grid of three finite λ_pred ≥ 0 are grids; the first problem is named otherwise.</summary>
    [Test]
    public void Problem_names_the_first_thing_a_grid_lacks()
    {
        PredictionWeightAblation.Problem(PredictionWeightAblation.PaperPredictionWeights).Should().BeNull();
        PredictionWeightAblation.Problem([0, 0.5, 1e6]).Should().BeNull();
        PredictionWeightAblation.Problem([0, 1]).Should().Contain("at least three values").And.Contain("got 2");
        PredictionWeightAblation.Problem([0, 2, 2]).Should().Contain("ascending order without repeats; got 2 before 2");
        PredictionWeightAblation.Problem([1, double.NaN, 0]).Should().Contain("finite number ≥ 0; got NaN");
        PredictionWeightAblation.Problem([-0.5, 1, 2]).Should().Contain("got -0.5");
    }

    /// <summary>Each setting of the grid is the baseline with that λ_pred and nothing else changed, in the grid's order.</summary>
    [Test]
    public void Grid_changes_only_the_prediction_weight()
    {
        var baseline = PaperSetting.SyntheticSae;
        var grid = PredictionWeightAblation.Grid(baseline, [0, 3, 7.5]);

        grid.Select(s => s.PredictionWeight).Should().Equal(0, 3, 7.5);
        foreach (var s in grid)
        {
            (s with { PredictionWeight = baseline.PredictionWeight }).Should().Be(baseline);
        }
    }
}
