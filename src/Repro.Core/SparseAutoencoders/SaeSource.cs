namespace Repro.SparseAutoencoders;

/// <summary>
/// Gives the SAE trained with these settings and seed on a fixed recommender and split: trained on demand, or
/// reused from a cache. The source owns the SAE; callers never dispose it.
/// </summary>
public delegate TiedSparseAutoencoder SaeSource(SaeSettings settings, ulong seed);
