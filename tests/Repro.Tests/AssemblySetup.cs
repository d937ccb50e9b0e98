using NUnit.Framework;
using TorchSharp;

namespace Repro.Tests;

/// <summary>One torch thread for every test: as fast as two at these sizes and bit-stable (STACK.md).</summary>
[SetUpFixture]
public sealed class AssemblySetup
{
    /// <summary>Runs once before any test of the assembly.</summary>
    [OneTimeSetUp]
    public void PinThreads() => torch.set_num_threads(1);
}
