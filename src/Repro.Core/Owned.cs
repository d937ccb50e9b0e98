using static TorchSharp.torch;

namespace Repro;

/// <summary>
/// Tensors that outlive every dispose scope: a module's parameters, an optimiser's buffers. Nothing on the torch path
/// is left for the finalizer (STACK.md): what a step, an evaluation or an analysis makes is freed by its dispose scope,
/// and what an object keeps is made here and freed by that object.
/// </summary>
public static class Owned
{
    /// <summary>
    /// Runs <paramref name="make"/> in a dispose scope of its own, so every intermediate it makes is freed, and detaches
    /// what it returns from every scope: the caller owns it and disposes it.
    /// </summary>
    public static T Make<T>(Func<T> make) where T : Tensor
    {
        ArgumentNullException.ThrowIfNull(make);
        using var scope = NewDisposeScope();
        T kept = make();
        kept.DetachFromDisposeScope();
        return kept;
    }

    /// <summary>Runs <paramref name="work"/> in a dispose scope of its own: the tensors it makes (in-place ops' results included) are freed when it returns.</summary>
    public static void Scoped(Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        using var scope = NewDisposeScope();
        work();
    }
}
