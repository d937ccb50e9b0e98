using NUnit.Framework;
using TorchSharp;

namespace Repro.Paper.Tests;

/// <summary>
/// The numeric pins (<see cref="Repro.NumericPins"/>) and one torch thread for every test: as fast as two at these
/// sizes and bit-stable (STACK.md).
/// </summary>
[SetUpFixture]
public sealed class AssemblySetup
{
    /// <summary>Runs once before any test of the assembly.</summary>
    [OneTimeSetUp]
    public void PinThreads()
    {
        Repro.NumericPins.Apply();
        torch.set_num_threads(1);
    }
}
