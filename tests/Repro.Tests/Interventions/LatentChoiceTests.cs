using FluentAssertions;
using NUnit.Framework;
using Repro.Interventions;

namespace Repro.Tests.Interventions;

/// <summary>Hand-made cases of D14's latent choice and the control's percentiles.</summary>
public class LatentChoiceTests
{
    // Four latents, two concepts. Concept 0: purity@20 0.9, 0.6, 0.6 and a latent dead on items (NaN); concept 1 the rest.
    private static readonly LatentPurities Purities = new(["c0", "c1"],
        new double[,] { { 1.0, 0.0 }, { 0.5, 0.9 }, { 0.7, 0.1 }, { double.NaN, double.NaN } },
        new double[,] { { 0.9, 0.1 }, { 0.6, 0.8 }, { 0.6, 0.2 }, { double.NaN, double.NaN } });

    private static NeuronScale[] Scales(params double[] medians) => [.. medians.Select((m, j) => new NeuronScale(j, "the audience", m, m + 1))];

    /// <summary>
    /// The item-purity pick (latent 0) silent on the audience: of the active latents 1, 2 and 3, latent 3 is dead on items
    /// (no purity) and 1 and 2 tie at 0.6, so the lower index, 1, is edited; the control's latents are the other active ones.
    /// </summary>
    [Test]
    public void A_silent_pick_gives_way_to_the_purest_active_latent()
    {
        var choice = LatentChoice.ForUsers(0, 0, Purities, Scales(0, 0.2, 0.3, 0.5));
        choice.Latent.Should().Be(1);
        choice.PickIsSilent.Should().BeTrue();
        choice.Chosen!.PurityAt10.Should().Be(0.5);
        choice.Active.Select(l => l.Latent).Should().Equal(1, 2, 3);
        choice.Others.Select(l => l.Latent).Should().Equal(2, 3);
        choice.OwnConcept.Should().Be(new LatentOwnConcept("c1", 0.9, 0.8), "latent 1 is purer for c1 (0.8) than for c0 (0.6)");
        choice.Skip.Should().BeNull();
    }

    /// <summary>An active pick is the purest active latent, so it is edited; an item-side choice is always the pick.</summary>
    [Test]
    public void An_active_pick_and_an_item_side_edit_keep_the_pick()
    {
        var users = LatentChoice.ForUsers(0, 0, Purities, Scales(0.1, 0.2, 0, 0));
        users.Latent.Should().Be(0);
        users.PickIsSilent.Should().BeFalse();
        users.Others.Select(l => l.Latent).Should().Equal(1);
        var items = LatentChoice.ForItems(0, 0, Purities, Scales(0, 0, 0, 0));
        items.Latent.Should().Be(0);
        items.Side.Should().Be(EditSide.Items);
        items.PickIsSilent.Should().BeFalse("only a user-side edit can be silent on its audience");
    }

    /// <summary>No latent with a median above 0 (a median of exactly 0 is silent): nothing is edited and the reason names the pick's median.</summary>
    [Test]
    public void No_active_latent_means_no_edit_with_the_reason()
    {
        var choice = LatentChoice.ForUsers(0, 0, Purities, Scales(0, 0, -0.0, 0));
        choice.Latent.Should().Be(-1);
        choice.Chosen.Should().BeNull();
        choice.Skip.Should().Be("no latent is active on the audience: none of the 4 latents has a median activation > 0 over the audience (the item-purity pick, latent 0, has median 0)");
    }

    /// <summary>Percentiles interpolate linearly between closest ranks (NumPy's default): of 1, 2, 3, 4 the median is 2.5 and the 75th percentile 3 + 0.25 = 3.25.</summary>
    [Test]
    public void Control_percentiles_interpolate_linearly()
    {
        InterventionControl.Percentile([4, 1, 3, 2], 0.5).Should().Be(2.5);
        InterventionControl.Percentile([4, 1, 3, 2], 0.75).Should().Be(3.25);
        InterventionControl.Percentile([0.2], 0.75).Should().Be(0.2);
        InterventionControl.Percentile([0.1, 0.3, 0.2], 0.75).Should().BeApproximately(0.25, 1e-15);
        double.IsNaN(InterventionControl.Percentile([], 0.5)).Should().BeTrue();
        var control = new InterventionControl(-1.5, new ControlEdit(1, 0.6, 0.2, 0.1, 0.8), [new ControlEdit(2, 0.6, 0.3, 0.5, 0.4), new ControlEdit(3, double.NaN, 0.5, 0.7, 0.2)]);
        control.OthersMedian.Should().BeApproximately(0.3, 1e-15);
        control.OthersP75.Should().BeApproximately(0.35, 1e-15);
    }
}
