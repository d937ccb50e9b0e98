using FluentAssertions;
using NUnit.Framework;
using Repro.Interventions;
using Repro.SparseAutoencoders;
using Repro.Tests.TestDoubles;
using Repro.Recommenders;
using static TorchSharp.torch;

namespace Repro.Tests.Interventions;

/// <summary>The single-latent edit: what it changes, what it leaves bit-identical.</summary>
public class LatentInterventionTests
{
    private static float[] Row(Tensor t, int r) => t[r].contiguous().data<float>().ToArray();

    private static float[] Flat(Tensor t) => t.contiguous().data<float>().ToArray();

    private static (DotTwoTower Model, ISparseAutoencoder Sae) MfPair()
    {
        // 5 users × 7 items, n = 4; SAE m = 6 with a random W (seeded) so latents are entangled, not trivial.
        var model = new DotTwoTower(Matrices.Random(5, 4, 1, 0.5), Matrices.Random(7, 4, 2, 0.5), [0.1f, -0.2f, 0, 0.3f, 0], [0, 0.05f, -0.1f, 0, 0.2f, 0, -0.3f]);
        var sae = new NormalisingTiedSae(Matrices.Random(6, 4, 3, 0.7), [0.1f, -0.1f, 0, 0.2f], [0.05f, 0, -0.05f, 0.1f, 0, 0]);
        return (model, sae);
    }

    private static (MlpTwoTower Model, ISparseAutoencoder Sae) NcfPair()
    {
        var model = new MlpTwoTower(Matrices.Random(5, 4, 4, 0.5), Matrices.Random(7, 4, 5, 0.5),
            Matrices.Random(8, 4, 6, 0.5), Matrices.Random(8, 4, 7, 0.5), [0.1f, 0, -0.1f, 0.2f, 0, 0.05f, 0, 0], [1, -0.5f, 0.7f, 0.3f, -0.2f, 0.9f, 0.4f, -0.6f], 0.1f);
        var sae = new PlainTiedSae(Matrices.Random(6, 4, 8, 0.7), [0.1f, 0, -0.05f, 0.2f, 0, 0.05f]);
        return (model, sae);
    }

    private static IEnumerable<TestCaseData> Pairs()
    {
        yield return new TestCaseData(RecommenderKind.MF).SetName("{m}(MF)");
        yield return new TestCaseData(RecommenderKind.NCF).SetName("{m}(NCF)");
    }

    private static (Repro.Recommenders.ITwoTower Model, ISparseAutoencoder Sae) Pair(RecommenderKind kind) =>
        kind == RecommenderKind.MF ? MfPair() : NcfPair();

    /// <summary>Writing a code's own value back into latent j decodes to the plain reconstruction, bit for bit.</summary>
    [TestCaseSource(nameof(Pairs))]
    public void Writing_back_the_unedited_code_reproduces_the_reconstruction_exactly(RecommenderKind kind)
    {
        var (model, sae) = Pair(kind);
        var iv = new LatentIntervention(model, sae);
        Tensor x = model.UserVectors;
        for (int r = 0; r < model.UserCount; r++)
        {
            // The code of the row as the edit sees it (a batch of one: matmul blocking moves low bits with the batch).
            Tensor row = x.narrow(0, r, 1);
            Tensor z = sae.Encode(row);
            for (int j = 0; j < sae.Latents; j++)
            {
                float own = z[0, j].item<float>();
                Flat(iv.Edit(row, j, own)).Should().Equal(Flat(iv.Reconstruct(row)), $"user {r}, latent {j}");
            }
        }
    }

    /// <summary>The edit is absolute: latent j becomes v whatever it was (hand-computed for both SAE forms).</summary>
    [Test]
    public void Edit_overwrites_the_latent_with_the_absolute_value()
    {
        // NCF form, W = I (2×2), b = 0: x = (1, 2) → z = (1, 2); z₀ ← −0.5 → x̂ = Wᵀz = (−0.5, 2).
        var plain = new LatentIntervention(new DotTwoTower(new float[,] { { 1, 2 } }, new float[,] { { 0, 1 } }), new PlainTiedSae(Matrices.Identity(2)));
        Flat(plain.Edit(tensor(new float[,] { { 1, 2 } }), 0, -0.5)).Should().Equal(-0.5f, 2f);

        // MF form, W = [I; −I] (4×2): x = (1, 3): μ = 2, σ = √2 = 1.414214, x̃ = (−1, 1)/(σ + 1e-5) = (−0.707103, 0.707103);
        // z = (0, 0.707103, 0.707103, 0); z₁ ← 2 → Wᵀz = (0 − 0.707103, 2) → x̂ = Wᵀz·σ + μ = (1.000007, 4.828427).
        var norm = new LatentIntervention(new DotTwoTower(new float[,] { { 1, 3 } }, new float[,] { { 0, 1 } }), new NormalisingTiedSae(Matrices.PlusMinusIdentity(2)));
        float[] got = Flat(norm.Edit(tensor(new float[,] { { 1, 3 } }), 1, 2));
        got[0].Should().BeApproximately(1.000007f, 1e-5f);
        got[1].Should().BeApproximately(4.828427f, 1e-5f);
    }

    /// <summary>Editing some rows of an embedding table leaves every other row bit-identical.</summary>
    [TestCaseSource(nameof(Pairs))]
    public void Only_the_edited_rows_of_the_table_change(RecommenderKind kind)
    {
        var (model, sae) = Pair(kind);
        var iv = new LatentIntervention(model, sae);
        Tensor table = iv.EditRows(model.UserVectors, [2], 1, 3.0);
        for (int r = 0; r < model.UserCount; r++)
        {
            if (r == 2)
            {
                Row(table, r).Should().NotEqual(Row(model.UserVectors, r));
            }
            else
            {
                Row(table, r).Should().Equal(Row(model.UserVectors, r), $"row {r} was not edited");
            }
        }
    }

    /// <summary>
    /// A user edit scores the edited user vectors against the model's ORIGINAL item vectors (not reconstructed ones);
    /// an item edit changes that item's column only and keeps the other columns of the original logits bit for bit.
    /// </summary>
    [TestCaseSource(nameof(Pairs))]
    public void Edits_replace_only_the_edited_embedding_and_keep_the_other_side_original(RecommenderKind kind)
    {
        var (model, sae) = Pair(kind);
        var iv = new LatentIntervention(model, sae);
        int[] users = [0, 3, 4];
        Tensor uIdx = tensor(new long[] { 0, 3, 4 });
        Tensor all = Indices.Range(model.ItemCount);

        Tensor expectedUser = model.BlockLogits(uIdx, iv.Edit(model.UserVectors.index_select(0, uIdx), 2, -1.0), all, model.ItemVectors);
        Flat(iv.UserEditLogits(users, 2, -1.0)).Should().Equal(Flat(expectedUser));

        Tensor orig = iv.OriginalLogits(users);
        Tensor edited = iv.ItemEditLogits(users, 5, 2, 4.0);
        for (int c = 0; c < model.ItemCount; c++)
        {
            float[] a = Flat(edited.narrow(1, c, 1)), b = Flat(orig.narrow(1, c, 1));
            if (c == 5)
            {
                a.Should().NotEqual(b);
            }
            else
            {
                a.Should().Equal(b, $"item {c} was not edited");
            }
        }
        Tensor itemIdx = tensor(new long[] { 5 });
        Tensor expectedColumn = model.BlockLogits(uIdx, model.UserVectors.index_select(0, uIdx), itemIdx, iv.Edit(model.ItemVectors.index_select(0, itemIdx), 2, 4.0));
        Flat(edited.narrow(1, 5, 1)).Should().Equal(Flat(expectedColumn));
    }

    /// <summary>
    /// The notebook protocol on NCF (SPEC §6): the edited user is encoded and decoded once more and scored against every
    /// item's reconstruction; with no edit, the user is reconstructed twice; an item edit starts from the users' original
    /// vectors against reconstructed items. "Edit only" with no edit scores the user's plain reconstruction against the
    /// original items, and an item's no-edit column is its plain reconstruction.
    /// </summary>
    [Test]
    public void Notebook_protocol_reconstructs_the_items_and_encodes_the_edited_user_twice()
    {
        var (model, sae) = NcfPair();
        var iv = new LatentIntervention(model, sae);
        int[] users = [0, 3, 4];
        Tensor uIdx = tensor(new long[] { 0, 3, 4 });
        Tensor all = Indices.Range(model.ItemCount);
        Tensor u = model.UserVectors.index_select(0, uIdx);
        Tensor items = iv.Reconstruct(model.ItemVectors);

        Flat(iv.UserLogits(users, 2, -1.0, InterventionProtocol.Notebook)).Should().Equal(Flat(model.BlockLogits(uIdx, iv.Reconstruct(iv.Edit(u, 2, -1.0)), all, items)));
        Flat(iv.UserLogits(users, 2, null, InterventionProtocol.Notebook)).Should().Equal(Flat(model.BlockLogits(uIdx, iv.Reconstruct(iv.Reconstruct(u)), all, items)));
        Flat(iv.UserLogits(users, 2, null, InterventionProtocol.EditOnly)).Should().Equal(Flat(model.BlockLogits(uIdx, iv.Reconstruct(u), all, model.ItemVectors)));
        Flat(iv.ItemBaseLogits(users, InterventionProtocol.Notebook)).Should().Equal(Flat(model.BlockLogits(uIdx, u, all, items)));
        Flat(iv.ItemBaseLogits(users, InterventionProtocol.EditOnly)).Should().Equal(Flat(iv.OriginalLogits(users)));

        Tensor itemIdx = tensor(new long[] { 5 });
        Tensor column = model.BlockLogits(uIdx, u, itemIdx, iv.Reconstruct(model.ItemVectors.index_select(0, itemIdx)));
        Flat(iv.ItemEditLogits(users, 5, 2, null).narrow(1, 5, 1)).Should().Equal(Flat(column));
    }

    /// <summary>On MF the notebooks replace only the edited vector, so their protocol is "edit only", bit for bit.</summary>
    [Test]
    public void On_mf_the_notebook_protocol_is_edit_only()
    {
        var (model, sae) = MfPair();
        var iv = new LatentIntervention(model, sae);
        int[] users = [1, 2, 4];
        InterventionProtocols.For(RecommenderKind.MF).Should().Equal(InterventionProtocol.EditOnly);
        InterventionProtocols.For(RecommenderKind.NCF).Should().Equal(InterventionProtocol.EditOnly, InterventionProtocol.Notebook);
        foreach (double? v in new double?[] { null, -1.5, 0, 2 })
        {
            Flat(iv.UserLogits(users, 3, v, InterventionProtocol.Notebook)).Should().Equal(Flat(iv.UserLogits(users, 3, v, InterventionProtocol.EditOnly)), $"v = {v}");
        }
        Flat(iv.ItemBaseLogits(users, InterventionProtocol.Notebook)).Should().Equal(Flat(iv.OriginalLogits(users)));
    }

    /// <summary>
    /// The notebook's second encode resets an edited latent written with v ≤ 0 (SPEC §6): with the plain SAE W = I,
    /// z_j ← v decodes to x̂_j = v and re-encodes to ReLU(v) = 0, so every v ≤ 0 scores as v = 0; "edit only" tells them apart.
    /// </summary>
    [Test]
    public void The_notebooks_second_encode_resets_a_non_positive_edit()
    {
        var (model, _) = NcfPair();
        var iv = new LatentIntervention(model, new PlainTiedSae(Matrices.Identity(4)));
        int[] users = [0, 1, 2, 3, 4];
        float[] atZero = Flat(iv.UserLogits(users, 1, 0, InterventionProtocol.Notebook));
        Flat(iv.UserLogits(users, 1, -0.5, InterventionProtocol.Notebook)).Should().Equal(atZero);
        Flat(iv.UserLogits(users, 1, -1.5, InterventionProtocol.Notebook)).Should().Equal(atZero);
        Flat(iv.UserLogits(users, 1, -1.5, InterventionProtocol.EditOnly)).Should().NotEqual(Flat(iv.UserLogits(users, 1, 0, InterventionProtocol.EditOnly)));
    }

    /// <summary>Top lists and ranks run over all items, ties to the lower index (hand-made logits).</summary>
    [Test]
    public void Top_items_and_ranks_break_ties_by_the_lower_item_index()
    {
        // Row 0: scores (0.5, 0.9, 0.5, 0.1): order 1, 0, 2, 3. Item 2 ties item 0 and comes after it: rank 1 + 1 + 1 = 3.
        Tensor logits = tensor(new float[,] { { 0.5f, 0.9f, 0.5f, 0.1f }, { 0.2f, 0.2f, 0.2f, 0.2f } });
        int[][] top = Ranking.TopK(logits, 3);
        top[0].Should().Equal(1, 0, 2);
        top[1].Should().Equal(0, 1, 2);
        LatentIntervention.RankOf(logits, 2).Should().Equal(3, 3);
        LatentIntervention.RankOf(logits, 0).Should().Equal(2, 1);
    }

    /// <summary>
    /// The promotion side effect's shortcut (re-insert one item into the original top k + 1) gives exactly the top k
    /// of the fully re-scored catalogue, for edits that raise, lower or keep the item.
    /// </summary>
    [TestCaseSource(nameof(Pairs))]
    public void One_item_reinsertion_equals_a_full_resort(RecommenderKind kind)
    {
        var (model, sae) = Pair(kind);
        var iv = new LatentIntervention(model, sae);
        int[] users = [0, 1, 2, 3, 4];
        Tensor orig = iv.OriginalLogits(users);
        int[][] deep = Ranking.TopK(orig, 4);
        float[] all = Flat(orig);
        float[][] deepScores = deep.Select((l, r) => l.Select(i => all[(r * model.ItemCount) + i]).ToArray()).ToArray();
        foreach (int item in new[] { 0, 3, 6 })
        {
            foreach (double v in new[] { -3.0, 0.0, 0.5, 5.0 })
            {
                Tensor edited = iv.ItemEditLogits(users, item, 1, v, orig);
                int[][] expected = Ranking.TopK(edited, 3);
                int[][] got = ItemPromotion.TopAfterItemEdit(deep, deepScores, item, Flat(edited.narrow(1, item, 1)), 3);
                got.Should().BeEquivalentTo(expected, o => o.WithStrictOrdering(), $"item {item}, v = {v}");
            }
        }
    }

    /// <summary>Re-insertion keeps the tie rule: an equal score goes before higher indices, after lower ones.</summary>
    [Test]
    public void One_item_reinsertion_breaks_ties_by_index()
    {
        // Original order 5 (0.9), 1 (0.5), 2 (0.5). Item 0 at 0.5 ties 1 and 2 and precedes both: [5, 0].
        // Item 3 at 0.5 follows 1 and 2: [5, 1]. Item 1 dropped to 0.1 falls below 7 (0.2): [5, 2, 7].
        int[][] deep = [[5, 1, 2, 7]];
        float[][] scores = [[0.9f, 0.5f, 0.5f, 0.2f]];
        ItemPromotion.TopAfterItemEdit(deep, scores, 0, [0.5f], 2)[0].Should().Equal(5, 0);
        ItemPromotion.TopAfterItemEdit(deep, scores, 3, [0.5f], 2)[0].Should().Equal(5, 1);
        ItemPromotion.TopAfterItemEdit(deep, scores, 1, [0.1f], 3)[0].Should().Equal(5, 2, 7);
    }

    /// <summary>The private RBO_ext matches SPEC §5's golden values (10-item lists, p = 0.9).</summary>
    [Test]
    public void Rbo_ext_matches_the_golden_values()
    {
        int[] a = Enumerable.Range(0, 10).ToArray();
        int[] swapped = [1, 0, 2, 3, 4, 5, 6, 7, 8, 9];
        Repro.Analysis.RankBiasedOverlap.Extrapolated(a, a, 0.9).Should().BeApproximately(1.0, 1e-12);
        // X₁ = 0, X_d = d after: p¹⁰ + (1/9)(Σ_{d=2..10} 0.9^d) = 0.348678 + (1/9)(5.513216 − 0.9) = 0.9.
        Repro.Analysis.RankBiasedOverlap.Extrapolated(a, swapped, 0.9).Should().BeApproximately(0.9, 1e-12);
        Repro.Analysis.RankBiasedOverlap.Extrapolated(a, Enumerable.Range(10, 10).ToArray(), 0.9).Should().Be(0);
    }
}
