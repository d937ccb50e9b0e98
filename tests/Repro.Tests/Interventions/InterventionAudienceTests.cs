using FluentAssertions;
using NUnit.Framework;
using Repro.Data;
using Repro.Interventions;
using Repro.Tests.TestDoubles;

namespace Repro.Tests.Interventions;

/// <summary>Audience selection and the promoted item's choice on hand-built datasets.</summary>
public class InterventionAudienceTests
{
    // Concept A = items {0, 1, 2}, B = {3, 4, 5}.
    private static RecDataset SixBySix(int[]? ages = null) => new(
        new DatasetName("hand"), 6,
        [[0, 1, 3], [0], [3, 4], [1, 2], [0, 2, 4, 5], []],
        Enumerable.Range(0, 6).Select(i => "item" + i).ToArray(),
        [new ConceptTable("genre", ["A", "B"], [[0], [0], [0], [1], [1], [1]])],
        [], userAgeCodes: ages, itemExternalIds: [10, 1032, 7, 11, 12, 13]);

    /// <summary>Fans are the highest interaction shares, ties to the lower user index (hand-computed shares).</summary>
    [TestCase(3, new[] { 0, 1, 3 })]
    [TestCase(2, new[] { 1, 3 })]
    [TestCase(1, new[] { 1 })]
    [TestCase(10, new[] { 0, 1, 2, 3, 4, 5 })]
    public void Audience_is_the_users_with_the_highest_concept_share(int count, int[] expected)
    {
        // Shares of A: u0 2/3, u1 1, u2 0, u3 1, u4 2/4 = 0.5, u5 0 (no interactions). Order: u1, u3 (tie, lower first), u0, u4, u2, u5.
        var data = SixBySix();
        InterventionAudience.TopShare(data, [0, 1, 2, 3, 4, 5], data.Concepts, 0, count).Should().Equal(expected);
    }

    /// <summary>Only candidates (the SAE-test users) can be in the audience.</summary>
    [Test]
    public void Audience_is_drawn_from_the_candidates_only()
    {
        var data = SixBySix();
        InterventionAudience.TopShare(data, [0, 2, 4], data.Concepts, 0, 2).Should().Equal(0, 4);
    }

    /// <summary>Young users are the candidates with age code 1.</summary>
    [Test]
    public void Young_users_are_the_candidates_with_age_code_one()
    {
        var data = SixBySix([1, 18, 1, 25, 1, 1]);
        InterventionAudience.YoungUsers(data, [0, 1, 2, 3]).Should().Equal(0, 2);
        FluentActions.Invoking(() => InterventionAudience.YoungUsers(SixBySix(), [0])).Should().Throw<InvalidOperationException>();
    }

    /// <summary>The share in a list is per list, then averaged over lists.</summary>
    [Test]
    public void List_share_is_the_mean_over_lists()
    {
        // [0, 3]: 1/2 of A; [1, 2]: 2/2 → mean 0.75.
        InterventionAudience.MeanListShare([[0, 3], [1, 2]], SixBySix().Concepts, 0).Should().Be(0.75);
    }

    /// <summary>The paper's explicit item is found by its external id.</summary>
    [Test]
    public void Item_is_found_by_external_id()
    {
        ItemPromotion.ItemByExternalId(SixBySix(), 1032).Should().Be(1);
        ItemPromotion.ItemByExternalId(SixBySix(), 999).Should().Be(-1);
    }

    /// <summary>
    /// The promoted item is the most popular item off the concept, unseen by the audience, and outside every
    /// audience member's top <c>visibleRank</c> with its concept latent at 0 (hand-computed ranks below).
    /// </summary>
    [TestCase(3, 4)]
    [TestCase(2, 3)]
    public void Promoted_item_follows_the_three_rules(int visibleRank, int expected)
    {
        // 8 items, concept A = {0, 1}. Popularity: item0 6, item1 5, item2 4, item3 3, item4 2, item5 1, items 6, 7: 0.
        // Audience = users 0, 1; user 0 interacted with item 2, so item 2 is out. Candidates by popularity: 3, 4, 5, 6, 7.
        var data = new RecDataset(new DatasetName("hand"), 8,
            [[2], [0], [0, 1, 2, 3, 4, 5], [0, 1, 2, 3, 4], [0, 1, 2, 3], [0, 1], [0, 1]],
            Enumerable.Range(0, 8).Select(i => "item" + i).ToArray(),
            [new ConceptTable("genre", ["A", "B"], [[0], [0], [1], [1], [1], [1], [1], [1]])], []);
        // Model: dot product, vectors (concept, taste a, taste b); SAE = identity (NCF form), latent 0 = the concept dimension.
        // Scores at v = 0 (concept coordinate of the item set to 0):
        //   user 0 = (1, 1, 0): item1 2.2, item0 2.1, item3 0.9, item2 0.5, item4 0.1, item7 0.03, item6 0.02, item5 0.01
        //   user 1 = (1, 0, 1): item0 2.1, item1 2.0, item2 0.5, item4 0.2, item3 0.05, item7 0.03, item6 0.02, item5 0.01
        // Item 3: rank 3 for user 0 → visible when visibleRank = 3, hidden when 2 (rank 5 for user 1).
        // Item 4: rank 5 for user 0, rank 4 for user 1 → hidden for both at visibleRank 3.
        var users = new float[7, 3];
        users[0, 0] = 1; users[0, 1] = 1;
        users[1, 0] = 1; users[1, 2] = 1;
        var items = new float[,]
        {
            { 2, 0.1f, 0.1f }, { 2, 0.2f, 0 }, { 0, 0.5f, 0.5f }, { 0, 0.9f, 0.05f },
            { 0.3f, 0.1f, 0.2f }, { 0, 0.01f, 0.01f }, { 0, 0.02f, 0.02f }, { 0, 0.03f, 0.03f },
        };
        var iv = new LatentIntervention(new DotTwoTower(users, items), new PlainTiedSae(Matrices.Identity(3)));
        ItemPromotion.ChooseItem(iv, data, data.Concepts, 0, 0, [0, 1], visibleRank).Should().Be(expected);
        ItemPromotion.ChooseItem(iv, data, data.Concepts, 0, 0, [0, 1], 7).Should().Be(5, "item 5 ranks last (8) for both users");
        ItemPromotion.ChooseItem(iv, data, data.Concepts, 0, 0, [0, 1], 8).Should().BeNull("no item ranks below 8 of 8");
    }
}
