using Repro.Recommenders;
using Repro.SparseAutoencoders;
using TorchSharp;
using static Repro.Scalars;
using static TorchSharp.torch;

namespace Repro.Interventions;

/// <summary>
/// The paper's single-latent edit (SPEC §6), shared by MF and NCF through the two-tower seam: encode an
/// embedding, overwrite latent j with an absolute value v (negative allowed), decode, put the edited vector in
/// place of the original for that user or item only, re-score with the frozen recommender and rank.
/// The recommender and the SAE are only read, never written.
/// </summary>
/// <remarks>
/// What the other side of the score uses depends on the <see cref="InterventionProtocol"/>. "Edit only" (the
/// default, on which the claims are ruled): the model's ORIGINAL embeddings. Editing users scores them against the
/// recommender's own item vectors; editing an item scores it against the recommender's own user vectors, and every
/// other item keeps its original vector. The notebook protocol (NCF; SPEC §6) reconstructs every item through the SAE
/// and encodes and decodes an edited user once more. Every grid also shows each protocol's no-edit baseline: the same
/// SAE passes with no latent changed (<c>value: null</c>).
/// Rankings run over ALL items (training items are NOT excluded), as the paper does for interventions.
/// </remarks>
public sealed class LatentIntervention
{
    /// <summary>Length of the recommendation lists the interventions read (the paper's top 30).</summary>
    public const int TopN = 30;

    /// <summary>Wraps a frozen recommender and an SAE trained on its embeddings.</summary>
    public LatentIntervention(ITwoTower model, ISparseAutoencoder sae)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(sae);
        if (sae.InputDim != model.Dim)
        {
            throw new ArgumentException($"The SAE reads {sae.InputDim}-dimensional vectors but the {model.Kind} model has dimension {model.Dim}.", nameof(sae));
        }
        Model = model;
        Sae = sae;
    }

    /// <summary>The frozen recommender.</summary>
    public ITwoTower Model { get; }

    /// <summary>The SAE whose latents are edited.</summary>
    public ISparseAutoencoder Sae { get; }

    /// <summary>Encodes then decodes without an edit: the plain reconstruction [B, n].</summary>
    public Tensor Reconstruct(Tensor embeddings)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        Tensor z = Sae.Encode(embeddings);
        return Sae.Decode(z, embeddings).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Every row encoded, latent <paramref name="latent"/> overwritten with the absolute value
    /// <paramref name="value"/>, decoded with the row's own original (the MF SAE de-normalises with it): [B, n].
    /// </summary>
    public Tensor Edit(Tensor embeddings, int latent, double value)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        CheckLatent(latent);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        Tensor z = Sae.Encode(embeddings);
        // float32 on purpose: writing back a code's own value must reproduce the plain reconstruction bit for bit.
        using Scalar v = (float)value;
        Tensor edited = z.index_fill(1, tensor(new long[] { latent }, device: z.device), v);
        return Sae.Decode(edited, embeddings).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The embedding table with the listed rows replaced by their edited versions; every other row is the
    /// input's own (bit-identical). Used to show exactly what an intervention changes.
    /// </summary>
    public Tensor EditRows(Tensor table, long[] rows, int latent, double value)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(rows);
        using var scope = NewDisposeScope();
        Tensor idx = tensor(rows, device: table.device);
        Tensor edited = Edit(table.index_select(0, idx), latent, value);
        return table.index_copy(0, idx, edited).MoveToOuterDisposeScope();
    }

    /// <summary>Logits [users, items] of the unedited model with its original embeddings.</summary>
    public Tensor OriginalLogits(int[] users) => ScoreUsers(users, null);

    /// <summary>
    /// Logits [users, items] with each listed user's vector replaced by its edited version (latent j = v),
    /// against the model's original item vectors. One BlockLogits call for the whole audience.
    /// </summary>
    public Tensor UserEditLogits(int[] users, int latent, double value) => UserLogits(users, latent, value, InterventionProtocol.EditOnly);

    /// <summary>
    /// Logits [users, items] of the listed users under <paramref name="protocol"/>: each user's code with latent
    /// <paramref name="latent"/> set to <paramref name="value"/> (null: no latent changed, the protocol's SAE passes
    /// only), decoded; under the notebook protocol on NCF the decoded user is encoded and decoded once more and scored
    /// against every item's reconstruction, else against the model's original item vectors.
    /// </summary>
    public Tensor UserLogits(int[] users, int latent, double? value, InterventionProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(users);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        Tensor idx = UserIndex(users);
        Tensor original = Model.UserVectors.index_select(0, idx);
        Tensor edited = value is double v ? Edit(original, latent, v) : Reconstruct(original);
        if (!protocol.ReconstructsTheOtherSide(Model.Kind))
        {
            return ScoreUsers(users, edited).MoveToOuterDisposeScope();
        }
        Tensor again = Reconstruct(edited);
        return Model.BlockLogits(idx, again, Indices.Range(Model.ItemCount, Model.ItemVectors.device), Reconstruct(Model.ItemVectors)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The logits an item edit starts from under <paramref name="protocol"/>: the listed users' original vectors against
    /// the model's original item vectors ("edit only": <see cref="OriginalLogits"/>), or, under the notebook protocol on
    /// NCF, against every item's SAE reconstruction.
    /// </summary>
    public Tensor ItemBaseLogits(int[] users, InterventionProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(users);
        if (!protocol.ReconstructsTheOtherSide(Model.Kind))
        {
            return OriginalLogits(users);
        }
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        Tensor idx = UserIndex(users);
        return Model.BlockLogits(idx, Model.UserVectors.index_select(0, idx), Indices.Range(Model.ItemCount, Model.ItemVectors.device), Reconstruct(Model.ItemVectors))
            .MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Logits [users, items] with ONE item's vector replaced by its edited version (latent j = v; null: the item's
    /// plain reconstruction, no latent changed); users keep their original vectors and every other item keeps its
    /// vector in <paramref name="baseLogits"/> (default: the users' <see cref="OriginalLogits"/>; the notebook protocol
    /// passes <see cref="ItemBaseLogits"/>). The two-tower score of a pair depends on that pair's vectors only, so only
    /// the edited item's column is recomputed and all other columns are the base logits bit for bit.
    /// </summary>
    public Tensor ItemEditLogits(int[] users, int item, int latent, double? value, Tensor? baseLogits = null)
    {
        ArgumentNullException.ThrowIfNull(users);
        if (item < 0 || item >= Model.ItemCount)
        {
            throw new ArgumentOutOfRangeException(nameof(item), $"Item {item} outside 0..{Model.ItemCount - 1}.");
        }
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        Tensor uIdx = UserIndex(users);
        Tensor iIdx = tensor(new long[] { item }, device: Model.ItemVectors.device);
        Tensor itemVector = Model.ItemVectors.index_select(0, iIdx);
        Tensor editedItem = value is double v ? Edit(itemVector, latent, v) : Reconstruct(itemVector);
        Tensor column = Model.BlockLogits(uIdx, Model.UserVectors.index_select(0, uIdx), iIdx, editedItem);
        Tensor basis = baseLogits ?? ScoreUsers(users, null);
        return basis.index_copy(1, iIdx, column.to_type(basis.dtype)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// 1-based rank of <paramref name="item"/> in every row, over ALL items, in <see cref="Ranking"/>'s order:
    /// rank = 1 + #(higher score) + #(equal score at a lower index).
    /// </summary>
    public static int[] RankOf(Tensor logits, int item) => Ranking.RanksOf(logits, item).Select(r => r + 1).ToArray();

    private Tensor ScoreUsers(int[] users, Tensor? userVectors)
    {
        ArgumentNullException.ThrowIfNull(users);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        Tensor uIdx = UserIndex(users);
        Tensor iIdx = Indices.Range(Model.ItemCount, Model.ItemVectors.device);
        Tensor u = userVectors ?? Model.UserVectors.index_select(0, uIdx);
        return Model.BlockLogits(uIdx, u, iIdx, Model.ItemVectors).MoveToOuterDisposeScope();
    }

    private Tensor UserIndex(int[] users)
    {
        foreach (int u in users)
        {
            if (u < 0 || u >= Model.UserCount)
            {
                throw new ArgumentOutOfRangeException(nameof(users), $"User {u} outside 0..{Model.UserCount - 1}.");
            }
        }
        return tensor(users.Select(u => (long)u).ToArray(), device: Model.UserVectors.device);
    }

    private void CheckLatent(int latent)
    {
        if (latent < 0 || latent >= Sae.Latents)
        {
            throw new ArgumentOutOfRangeException(nameof(latent), $"Latent {latent} outside 0..{Sae.Latents - 1}.");
        }
    }
}
