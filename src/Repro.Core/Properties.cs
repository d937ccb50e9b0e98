using System.Runtime.CompilerServices;

// Small internal helpers (top-K with exclusions) are unit-tested directly.
[assembly: InternalsVisibleTo("Repro.Tests")]
