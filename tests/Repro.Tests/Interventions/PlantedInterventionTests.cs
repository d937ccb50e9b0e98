using FluentAssertions;
using NUnit.Framework;
using Repro.Data;
using Repro.Claims;
using Repro.Interventions;
using Repro.Presentation;
using Repro.Recommenders;
using Repro.SparseAutoencoders;
using Repro.Tests.TestDoubles;
using Repro.Experiments;

namespace Repro.Tests.Interventions;

/// <summary>
/// End to end on a planted world where latent j encodes genre c by construction: suppression lowers c's share,
/// nudging raises it, promotion exposes an off-genre item, and nothing is written into the models.
/// </summary>
public class PlantedInterventionTests
{
    private const int Users = 450, Items = 90, Genres = 3;

    // Latent of genre k's positive part: a fixed permutation, so no test can pass by assuming latent = concept.
    private static readonly int[] Permutation = [5, 2, 7, 0, 3, 6, 1, 4];

    private static (RecDataset Data, Split Split, float[,] UserVectors, float[,] ItemVectors) World()
    {
        // Item i carries genre i mod 3 (30 per genre). User u prefers genre u mod 3: 8–15 items of it and 1–2 of each
        // other genre, so no user is "pure" and every share lies in (0, 1).
        var rng = SeededRandom.For(11, "planted-interventions");
        var userItems = new int[Users][];
        for (int u = 0; u < Users; u++)
        {
            int g = u % Genres;
            var chosen = new SortedSet<int>();
            for (int k = 0; k < Genres; k++)
            {
                int want = k == g ? 8 + rng.NextInt(8) : 1 + rng.NextInt(2);
                int[] pool = Enumerable.Range(0, Items / Genres).Select(t => (t * Genres) + k).ToArray();
                rng.Shuffle(pool.AsSpan());
                foreach (int i in pool.Take(want))
                {
                    chosen.Add(i);
                }
            }
            userItems[u] = chosen.ToArray();
        }
        var concepts = new ConceptTable("genre", ["g0", "g1", "g2"], Enumerable.Range(0, Items).Select(i => (IReadOnlyList<int>)[i % Genres]).ToArray());
        var data = new RecDataset(new DatasetName("planted"), Items, userItems, Enumerable.Range(0, Items).Select(i => "item" + i).ToArray(), [concepts], []);
        var split = Split.Create(data, new SplitSettings());

        // Dims 0–2: genres; dim 3: a small item-specific appeal that breaks ties (user weight 1).
        var uv = new float[Users, 4];
        for (int u = 0; u < Users; u++)
        {
            for (int k = 0; k < Genres; k++)
            {
                uv[u, k] = (float)InterventionAudience.InteractionShare(data, concepts, u, k);
            }
            uv[u, 3] = 1;
        }
        var iv = new float[Items, 4];
        for (int i = 0; i < Items; i++)
        {
            iv[i, i % Genres] = 1;
            iv[i, 3] = (float)(0.05 * rng.NextDouble());
        }
        return (data, split, uv, iv);
    }

    private static float[,] PermutedRows(float[,] w)
    {
        var p = new float[w.GetLength(0), w.GetLength(1)];
        for (int r = 0; r < w.GetLength(0); r++)
        {
            for (int c = 0; c < w.GetLength(1); c++)
            {
                p[Permutation[r], c] = w[r, c];
            }
        }
        return p;
    }

    private static (ITwoTower Model, ISparseAutoencoder Sae, IEnumerable<TorchSharp.torch.Tensor> Weights) Models(RecommenderKind kind, float[,] uv, float[,] iv)
    {
        if (kind == RecommenderKind.MF)
        {
            // Normalising SAE with W = [I; −I] (rows permuted): latent Permutation[k] = positive part of standardised dim k.
            var model = new DotTwoTower(uv, iv);
            var sae = new NormalisingTiedSae(PermutedRows(Matrices.PlusMinusIdentity(4)));
            return (model, sae, model.Weights.Concat(sae.Weights));
        }
        // NCF: the planted MLP (PlantedMlp).
        var mlp = PlantedMlp(uv, iv);
        // Plain SAE with W = I (rows permuted to the first 4 slots of the permutation's order): exact on these non-negative vectors.
        var w = new float[4, 4];
        int[] order = Permutation.Where(p => p < 4).ToArray();
        for (int k = 0; k < 4; k++)
        {
            w[order[k], k] = 1;
        }
        var plain = new PlainTiedSae(w);
        return (mlp, plain, mlp.Weights.Concat(plain.Weights));
    }

    // The latent carrying genre k in each planted SAE (what the purity rule would hand over).
    // The planted NCF on vectors of width d ≥ 4 (dimensions past 4 feed no hidden unit): hidden units ReLU(u_k + i_k − 1)
    // (weight +1, k = 0..3) score a genre match by the user's share; units ReLU(−u_k + i_k − 1) (weight −1, genres only)
    // turn a negative user coordinate into a penalty.
    private static MlpTwoTower PlantedMlp(float[,] users, float[,] items)
    {
        int d = users.GetLength(1);
        var wUser = new float[7, d];
        var wItem = new float[7, d];
        for (int k = 0; k < 4; k++)
        {
            wUser[k, k] = 1;
            wItem[k, k] = 1;
        }
        for (int k = 0; k < Genres; k++)
        {
            wUser[4 + k, k] = -1;
            wItem[4 + k, k] = 1;
        }
        return new MlpTwoTower(users, items, wUser, wItem, [-1, -1, -1, -1, -1, -1, -1], [1, 1, 1, 1, -1, -1, -1], 0);
    }

    private static int LatentOf(RecommenderKind kind, int genre) => kind == RecommenderKind.MF ? Permutation[genre] : Permutation.Where(p => p < 4).ToArray()[genre];

    private static IEnumerable<TestCaseData> Kinds()
    {
        yield return new TestCaseData(RecommenderKind.MF).SetName("{m}(MF)");
        yield return new TestCaseData(RecommenderKind.NCF).SetName("{m}(NCF)");
    }

    /// <summary>Suppressing genre 0's latent drives its share in the fans' top 30 down, monotonically, below a quarter of Orig.</summary>
    [TestCaseSource(nameof(Kinds))]
    public void Suppression_lowers_the_target_genre_share(RecommenderKind kind)
    {
        var (data, split, uv, iv) = World();
        var (model, sae, _) = Models(kind, uv, iv);
        var result = Suppression.Run(new LatentIntervention(model, sae), data, split, data.Concepts, 0, LatentOf(kind, 0));

        result.Audience.Should().HaveCount(20).And.OnlyContain(u => u % Genres == 0 && split.SaeTestUsers.Contains(u));
        result.Target.Orig.Should().Be(1.0, "a fan's 30 own-genre items fill the top 30");
        result.Target.Values[^1].Should().Be(0);
        new SuppressionClaim().Rule([new InterventionSweep("planted", result.Target.Orig, result.Grid, result.Target.Values)]).Verdict.Should().Be(Verdict.Reproduced);
        // The freed slots go to the other genres: shares sum to 1 (one genre per item).
        for (int k = 0; k < result.Grid.Count; k++)
        {
            (result.Target.Values[k] + result.OtherConcepts.Sum(r => r.Values[k])).Should().BeApproximately(1.0, 1e-12);
        }
    }

    /// <summary>Raising genre 0's latent in genre-1 fans raises genre 0's share monotonically.</summary>
    [TestCaseSource(nameof(Kinds))]
    public void Nudging_raises_the_target_genre_share(RecommenderKind kind)
    {
        var (data, split, uv, iv) = World();
        var (model, sae, _) = Models(kind, uv, iv);
        int[] audience = InterventionAudience.TopShare(data, split.SaeTestUsers, data.Concepts, 1, 20);
        var result = Nudging.Run(new LatentIntervention(model, sae), audience, data.Concepts, 0, LatentOf(kind, 0));

        result.Target.Orig.Should().Be(0, "a genre-1 fan's top 30 is its own genre");
        result.Target.Values[^1].Should().Be(1.0);
        new NudgingClaim().Rule([new InterventionSweep("planted", result.Target.Orig, result.Grid, result.Target.Values)]).Verdict.Should().Be(Verdict.Reproduced);
    }

    /// <summary>An empty audience (e.g. no young users among the SAE-test users) gives missing values, not zeros, and an inconclusive verdict (undefined values).</summary>
    [Test]
    public void Nudging_an_empty_audience_is_inconclusive()
    {
        var (data, _, uv, iv) = World();
        var (model, sae, _) = Models(RecommenderKind.MF, uv, iv);
        var result = Nudging.Run(new LatentIntervention(model, sae), [], data.Concepts, 0, LatentOf(RecommenderKind.MF, 0));
        result.Target.AudienceSize.Should().Be(0);
        result.Target.Values.Should().OnlyContain(v => double.IsNaN(v));
        new NudgingClaim().Rule([new InterventionSweep("planted", result.Target.Orig, result.Grid, result.Target.Values)]).Verdict.Should().Be(Verdict.Inconclusive);
    }

    /// <summary>Writing genre 0's latent into an off-genre item exposes it to genre-0 fans; outsiders' lists barely move at v = 0.</summary>
    [TestCaseSource(nameof(Kinds))]
    public void Promotion_raises_exposure_of_an_off_genre_item(RecommenderKind kind)
    {
        var (data, split, uv, iv) = World();
        var (model, sae, _) = Models(kind, uv, iv);
        var result = ItemPromotion.Run(new LatentIntervention(model, sae), data, split, data.Concepts, 0, LatentOf(kind, 0), [1]);

        result.Items.Should().HaveCount(2);
        var rule = result.Items[0];
        rule.Source.Should().Be("rule");
        data.Concepts.Has(rule.Item, 0).Should().BeFalse();
        result.Audience.Should().OnlyContain(u => Array.BinarySearch(data.UserItems[u], rule.Item) < 0);
        rule.EligibleUsers.Should().Be(20, "the rule's item is outside every audience member's top 20 at v = 0");
        rule.Exposure.Values[^1].Should().Be(1.0);
        new PromotionClaim().Rule(new InterventionSweep("planted", rule.Exposure.Orig, result.Grid, rule.Exposure.Values)).Verdict.Should().Be(Verdict.Reproduced);
        result.SideEffectSample.Should().HaveCount(Math.Min(200, split.SaeTestUsers.Length - 20)).And.NotIntersectWith(result.Audience);
        rule.SideEffectRbo.Orig.Should().BeApproximately(1.0, 1e-12);
        TestContext.Out.WriteLine(result.ToMarkdown());
        rule.SideEffectRbo.Values.Should().OnlyContain(r => r > 0.5 && r <= 1.0);
    }

    /// <summary>No intervention writes into the recommender or the SAE: their weights hash the same before and after.</summary>
    [TestCaseSource(nameof(Kinds))]
    public void Interventions_leave_the_models_bit_identical(RecommenderKind kind)
    {
        var (data, split, uv, iv) = World();
        var (model, sae, weights) = Models(kind, uv, iv);
        string before = WeightHash.Of(weights);
        var intervention = new LatentIntervention(model, sae);
        Suppression.Run(intervention, data, split, data.Concepts, 0, LatentOf(kind, 0));
        WeightHash.Of(weights).Should().Be(before, "after suppression");
        Nudging.Run(intervention, InterventionAudience.TopShare(data, split.SaeTestUsers, data.Concepts, 1), data.Concepts, 0, LatentOf(kind, 0));
        WeightHash.Of(weights).Should().Be(before, "after nudging");
        ItemPromotion.Run(intervention, data, split, data.Concepts, 0, LatentOf(kind, 0), [1]);
        WeightHash.Of(weights).Should().Be(before, "after promotion");
    }

    // The D14 world: the NCF world with a fifth dimension that only items carry (genre-0 items have 1 there, users 0),
    // and five genre-1 items that also load 1.2 on genre 0's dimension. The plain SAE W = I reads one dimension per
    // latent (latent k = dimension k), so latent 4 is perfectly item-pure for genre 0 (its top 20 are genre-0 items)
    // but zero on every user, while latent 0, which the recommender's genre-0 unit reads, has item purity@20 15/20.
    private static (RecDataset Data, Split Split, ITwoTower Model, ISparseAutoencoder Sae) ItemOnlyLatentWorld()
    {
        var (data, split, uv, iv) = World();
        var users = new float[Users, 5];
        var items = new float[Items, 5];
        for (int u = 0; u < Users; u++)
        {
            for (int k = 0; k < 4; k++)
            {
                users[u, k] = uv[u, k];
            }
        }
        for (int i = 0; i < Items; i++)
        {
            for (int k = 0; k < 4; k++)
            {
                items[i, k] = iv[i, k];
            }
            items[i, 4] = i % Genres == 0 ? 1 : 0;
            if (i % 18 == 1)
            {
                items[i, 0] = 1.2f; // genre-1 items 1, 19, 37, 55, 73
            }
        }
        var model = PlantedMlp(users, items);
        return (data, split, model, new PlainTiedSae(Matrices.Identity(5)));
    }

    /// <summary>
    /// D14 on a planted NCF where genre 0's item-purity pick (latent 4, item purity@20 1.00) is silent on every user: the
    /// user-side rule picks latent 0 (purity@20 0.75), the purest latent active on the genre-0 fans, and suppressing it
    /// works (claim 7's rule passes), while the pick's edit moves nothing (the rule fails); the experiment edits latent 0,
    /// runs the control on the other active latents and its table names both latents.
    /// </summary>
    [Test]
    public void A_user_side_edit_takes_the_purest_latent_active_on_the_audience()
    {
        var (data, split, model, sae) = ItemOnlyLatentWorld();
        var iv = new LatentIntervention(model, sae);
        var acts = Repro.Experiments.SaeActivations.Items(sae, model);
        var purity = Repro.Analysis.ConceptPurity.Compute(acts, data.Concepts);
        purity.Rows[0].BestNeuron.Should().Be(4, "latent 4's top 20 items are all genre 0");
        purity.Rows[0].PurityAt20.Should().Be(1.0);

        int[] audience = InterventionAudience.TopShare(data, split.SaeTestUsers, data.Concepts, 0, 20);
        var choice = LatentChoice.ForUsers(0, 4, LatentPurities.Of(acts, data.Concepts), NeuronScale.MeasureAll(iv, model.UserVectors, audience, "the 20 audience users"));
        choice.Pick!.Scale.Median.Should().Be(0);
        choice.Pick.Scale.P95.Should().Be(0, "no user carries dimension 4");
        choice.PickIsSilent.Should().BeTrue();
        choice.Latent.Should().Be(0);
        choice.Chosen!.PurityAt20.Should().Be(0.75, "15 of latent 0's top 20 items are genre 0, 5 are the loaded genre-1 items");
        choice.Active.Select(l => l.Latent).Should().Equal(0, 1, 2, 3);

        SuppressionResult Suppress(int latent) => Suppression.Run(iv, audience, data.Concepts, 0, latent, [InterventionProtocol.EditOnly]);
        InterventionSweep Sweep(SuppressionResult r) => new("planted", r.Target.Orig, r.Grid, r.Target.Values);
        var silent = Suppress(4);
        silent.Target.Values.Should().OnlyContain(v => v == silent.Target.Orig, "the recommender never reads dimension 4");
        new SuppressionClaim().Rule([Sweep(silent)]).Verdict.Should().Be(Verdict.NotReproduced);
        var active = Suppress(choice.Latent);
        active.Target.Values[^1].Should().Be(0);
        new SuppressionClaim().Rule([Sweep(active)]).Verdict.Should().Be(Verdict.Reproduced);

        var cell = Repro.Experiments.PaperSetting.ForPresets(PresetFamily.Quick, RecommenderKind.NCF) with { Dataset = data.Name };
        var result = Repro.Experiments.InterventionExperiment.Run(cell, data, split, model, sae, Repro.Analysis.ConceptReport.Compute(cell.Label, acts, data), 42);
        var s = result.Suppressions.Should().ContainSingle().Subject;
        s.Target.Latent.Should().Be(0);
        s.Control!.Others.Select(o => o.Latent).Should().Equal(1, 2, 3);
        s.OtherProtocols.Should().ContainSingle().Which.Protocol.Should().Be(InterventionProtocol.Notebook);
        string md = result.ToMarkdown();
        TestContext.Out.WriteLine(md);
        md.Should().Contain("| 4 | item-purity pick, silent on the audience: not edited | 1 | 1 | 0 | 0 |")
            .And.Contain("| 0 | edited: the purest of the 4 latents active on the audience | 0.5 | 0.75 |")
            .And.Contain("the item-purity pick, latent 4, is silent on the audience (median 0), so latent 0, the purest of the 4 latents active on it (median > 0), is edited instead");
    }

    /// <summary>No latent active on the audience: the grid is not run, and the table says so with the reason (no crash, no edit of a silent latent).</summary>
    [Test]
    public void A_grid_without_an_active_latent_is_skipped_with_the_reason()
    {
        var (data, split, model, _) = ItemOnlyLatentWorld();
        // An SAE that reads only dimension 4, which no user carries: every latent is silent on every user.
        var sae = new PlainTiedSae(new float[,] { { 0, 0, 0, 0, 1 }, { 0, 0, 0, 0, 2 } });
        var cell = Repro.Experiments.PaperSetting.ForPresets(PresetFamily.Quick, RecommenderKind.NCF) with { Dataset = data.Name };
        var acts = Repro.Experiments.SaeActivations.Items(sae, model);
        var result = Repro.Experiments.InterventionExperiment.Run(cell, data, split, model, sae, Repro.Analysis.ConceptReport.Compute(cell.Label, acts, data), 42);
        result.Suppressions.Should().BeEmpty();
        result.Nudges.Should().BeEmpty();
        result.Skipped.Select(g => g.Kind).Should().Equal("suppress", "nudge");
        result.Skipped[0].Reason.Should().StartWith("no latent is active on the audience: none of the 2 latents has a median activation > 0 over the 20 audience users");
        result.Promotions.Should().ContainSingle("an item-side edit writes the item-purity pick, active on items");
        result.ToMarkdown().Should().Contain("## Suppress g0: not run\n\nAudience: the 20 strongest g0 fans. Not run: no latent is active on the audience");
        new NudgingClaim().Rule([InterventionEvidence.Nudge(result, "g0", "planted")]).Verdict.Should().Be(Verdict.Inconclusive);
    }

    /// <summary>Tables label our numbers as measured and the paper's as the paper's, each in its own row.</summary>
    [Test]
    public void Markdown_puts_the_paper_row_beside_the_measured_row()
    {
        var (data, split, uv, iv) = World();
        var (model, sae, _) = Models(RecommenderKind.MF, uv, iv);
        string md = Suppression.Run(new LatentIntervention(model, sae), data, split, data.Concepts, 0, LatentOf(RecommenderKind.MF, 0))
            .ToMarkdown(PaperNumbers.Ml1mMfHorrorSuppression);
        string[] lines = md.Split('\n');
        lines.Should().Contain(l => l.StartsWith("| series | protocol | concept | latent | audience | Orig | no edit | v=1 | v=0.5 | v=0 | v=-0.5 | v=-1 | v=-1.5 |", StringComparison.Ordinal));
        lines.Should().ContainSingle(l => l.StartsWith("| measured: suppression | edit only | g0 |", StringComparison.Ordinal));
        string paperRow = lines.Single(l => l.StartsWith("| paper (notebooks): suppress |  | Horror |", StringComparison.Ordinal));
        paperRow.Should().Contain("| 0.86 |  | 0.64 | 0.52 | 0.34 | 0.19 | 0.09 | 0.02 |", "the paper has no no-edit baseline");
        lines.Where(l => l.StartsWith("| measured", StringComparison.Ordinal)).Should().NotContain(l => l.Contains("0.86", StringComparison.Ordinal));
    }
}
