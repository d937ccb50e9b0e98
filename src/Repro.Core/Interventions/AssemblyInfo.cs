using System.Runtime.CompilerServices;

// The private RBO_ext helper of ItemPromotion is pinned by golden values in the fast tests.
[assembly: InternalsVisibleTo("Repro.Tests")]
