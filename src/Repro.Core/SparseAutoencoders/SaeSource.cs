namespace Repro.SparseAutoencoders;

/// <summary>
/// Gives the SAE trained with these settings and seed on a fixed recommender and split: trained on demand, or
/// reused from a cache. The source owns the SAE; callers never dispose it.
/// </summary>
public delegate TiedSparseAutoencoder SaeSource(SaeSettings settings, ulong seed);

/// <summary>
/// Gives the SAEs of a sweep (settings that differ only in their loss weights, <see cref="SaeTrainer.RequireSweepable"/>)
/// with one seed, in the sweep's order: those not cached trained together, or reused. The source owns them.
/// </summary>
public delegate IReadOnlyList<TiedSparseAutoencoder> SaeSweepSource(IReadOnlyList<SaeSettings> sweep, ulong seed);
