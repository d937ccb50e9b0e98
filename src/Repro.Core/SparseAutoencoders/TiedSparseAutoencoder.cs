using TorchSharp;
using static Repro.Scalars;
using static TorchSharp.torch;

namespace Repro.SparseAutoencoders;

/// <summary>
/// What every SAE variant shares (SPEC §4): a tied weight <c>W ∈ R^{m×n}</c>, a ReLU code computed from
/// pre-activations, a decoder that may use the original vector (MF's de-normalisation), and the objective each variant
/// owns (<see cref="Terms"/>). Every parameter carries a leading member dimension S: a sweep of S settings (the λ_pred
/// ablation) is one model of S members trained by the same loop and the same objective as a lone SAE, which is the
/// case S = 1. Every member's numbers are those of the member trained alone (the ops never mix members). Analyses and
/// interventions see one member through <see cref="ISparseAutoencoder"/>. Top-K and Matryoshka wrap a base variant and
/// reuse its pre-activations and decoder.
/// </summary>
public abstract class TiedSparseAutoencoder : nn.Module<Tensor, Tensor>, ISparseAutoencoder
{
    /// <summary>Creates the module with a TorchSharp name.</summary>
    protected TiedSparseAutoencoder(string name) : base(name)
    {
    }

    /// <inheritdoc/>
    public abstract int InputDim { get; }

    /// <inheritdoc/>
    public abstract int Latents { get; }

    /// <summary>How many SAEs the module holds side by side (S; 1 for a lone SAE).</summary>
    public abstract int Members { get; }

    /// <summary>The tied weights of every member, [S, m, n] (encoder W, decoder Wᵀ).</summary>
    public abstract Tensor StackedWeight { get; }

    /// <summary>The tied weight W of a lone SAE, [m, n] (a view of <see cref="StackedWeight"/>).</summary>
    public Tensor Weight => MemberZero(StackedWeight);

    /// <summary>Pre-activations of every member before the ReLU (or Top-K selection): [B, n] → [S, B, m].</summary>
    public abstract Tensor PreActivations(Tensor x);

    /// <summary>Codes of every member: [B, n] → [S, B, m].</summary>
    public virtual Tensor EncodeAll(Tensor x) => nn.functional.relu(PreActivations(x));

    /// <summary>Reconstructions of every member's codes, [S, B, m] → [S, B, n]; <paramref name="original"/> ([B, n]) is the embedding each code came from.</summary>
    public abstract Tensor DecodeAll(Tensor z, Tensor original);

    /// <inheritdoc/>
    public Tensor Encode(Tensor x)
    {
        RequireSingle();
        return EncodeAll(x).squeeze(0);
    }

    /// <inheritdoc/>
    public Tensor Decode(Tensor z, Tensor original)
    {
        ArgumentNullException.ThrowIfNull(z);
        RequireSingle();
        return DecodeAll(z.unsqueeze(0), original).squeeze(0);
    }

    /// <summary>
    /// This variant's embedding term of the loss for every member, [S]: <c>MSE(û,u) + MSE(î,i)</c> from the step's codes
    /// and reconstructions (Matryoshka sums it over its prefixes).
    /// </summary>
    public virtual Tensor EmbeddingTerm(Tensor userCodes, Tensor users, Tensor userHat, Tensor itemCodes, Tensor items, Tensor itemHat) =>
        EmbeddingReconstructionLoss.PerMember(userHat, users, itemHat, items);

    /// <summary>
    /// The objective's four terms for every member on one batch (SPEC §4), each [S]: the embedding term of this variant,
    /// the prediction term through the frozen model, and the L1 and KL sparsity of the codes. <see cref="SaeLoss"/>
    /// weighs them; the trainer is the same loop for every variant and every S.
    /// </summary>
    public SaeTerms Terms(SaeBatch batch, KlSparsity kl)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(kl);
        Tensor zU = EncodeAll(batch.Users), zI = EncodeAll(batch.Items);
        Tensor uHat = DecodeAll(zU, batch.Users), iHat = DecodeAll(zI, batch.Items);
        Tensor embedding = EmbeddingTerm(zU, batch.Users, uHat, zI, batch.Items, iHat);
        Tensor prediction = PredictionLoss.PerMember(batch, uHat, iHat);
        Tensor l1 = L1Sparsity.PerMember(zU).add(L1Sparsity.PerMember(zI), One);
        Tensor klTerm = kl.Compute(zU).add(kl.Compute(zI), One);
        return new SaeTerms(embedding, prediction, l1, klTerm);
    }

    /// <summary>Reconstruction x̂ of x by a lone SAE.</summary>
    public override Tensor forward(Tensor input) => Decode(Encode(input), input);

    /// <summary>Writes the module state (TorchSharp format) so a trained SAE can be cached.</summary>
    public void Save(string path) => save(path);

    /// <summary>Reads a state written by <see cref="Save"/> into this module (same variant and shape).</summary>
    public void Load(string path) => load(path);

    /// <summary>
    /// Copies member <paramref name="member"/>'s parameters into <paramref name="lone"/>, a lone SAE of the same variant and
    /// shape (how a trained sweep hands out its members).
    /// </summary>
    public void CopyMemberTo(int member, TiedSparseAutoencoder lone)
    {
        ArgumentNullException.ThrowIfNull(lone);
        ArgumentOutOfRangeException.ThrowIfNegative(member);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(member, Members);
        if (lone.Members != 1 || lone.GetType() != GetType())
        {
            throw new ArgumentException($"A member of a {GetType().Name} goes into a lone {GetType().Name}, not a {lone.GetType().Name} of {lone.Members}.", nameof(lone));
        }
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var source = parameters().ToArray();
        var target = lone.parameters().ToArray();
        for (int k = 0; k < source.Length; k++)
        {
            target[k].copy_(source[k].narrow(0, member, 1));
        }
    }

    /// <summary>Member 0 of a stacked parameter ([1, …] → […]) of a lone SAE.</summary>
    protected Tensor MemberZero(Tensor stacked)
    {
        ArgumentNullException.ThrowIfNull(stacked);
        RequireSingle();
        return stacked.select(0, 0);
    }

    private void RequireSingle()
    {
        if (Members != 1)
        {
            throw new InvalidOperationException($"This {GetType().Name} holds {Members} SAEs side by side; take one with CopyMemberTo first.");
        }
    }

    // Kaiming-uniform with a = √5, i.e. U(−1/√n, 1/√n): PyTorch's nn.Linear default, which the paper's
    // notebooks got implicitly; drawn from a generator seeded by the caller so two SAEs with one seed are
    // bit-identical (D4), and every member of a sweep starts from the weights it would start from alone.
    // Biases start at zero so the first codes are not shifted.
    internal static Tensor KaimingUniform(int members, int rows, int cols, long seed)
    {
        using var g = new Generator((ulong)seed);
        double bound = 1.0 / Math.Sqrt(cols);
        using var u = rand([rows, cols], generator: g);
        using Scalar width = 2 * bound;
        using Scalar shift = bound;
        return u.mul(width).sub_(shift).unsqueeze(0).expand(members, rows, cols).contiguous();
    }
}
