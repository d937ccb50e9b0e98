using System.Runtime.CompilerServices;

namespace Repro.Paper.Tests;

/// <summary>Applies the numeric pins when the test assembly loads: before any test, test source or static field can load torch.</summary>
internal static class NumericPinsInitializer
{
#pragma warning disable CA2255 // A test assembly is loaded only by the test host; pinning before any of its code runs is the point.
    [ModuleInitializer]
    internal static void Apply() => Repro.NumericPins.Apply();
#pragma warning restore CA2255
}
