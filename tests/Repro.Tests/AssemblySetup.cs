using NUnit.Framework;
using TorchSharp;

namespace Repro.Tests;

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

    /// <summary>Runs once after every test of the assembly: removes the shared planted run's temporary cache and export.</summary>
    [OneTimeTearDown]
    public void Release()
    {
        Exchange.PlantedExport.Release();
        EndToEnd.PlantedRun.Release();
    }
}
