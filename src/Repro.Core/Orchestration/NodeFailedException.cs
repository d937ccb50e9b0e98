namespace Repro.Orchestration;

/// <summary>
/// A node of the artifact graph (a dataset, a model, an experiment's result) that could not be made: names the node
/// that failed first, the step that was running when it did, and the error. A node that needs a failed one fails with
/// the same root, naming itself as well, so every fixture and report section that depends on it says what is missing
/// and why, and nothing else is touched.
/// </summary>
public sealed class NodeFailedException : Exception
{
    /// <summary>A failure of <paramref name="node"/> itself, during <paramref name="step"/>.</summary>
    public NodeFailedException(string node, string step, Exception error)
        : base($"{node} failed in step '{step}': {error?.Message}", error)
    {
        ArgumentNullException.ThrowIfNull(error);
        Node = node;
        Step = step;
        Error = error;
    }

    /// <summary>A node <paramref name="requested"/> that needs <paramref name="root"/>'s node, which failed.</summary>
    public NodeFailedException(string requested, NodeFailedException root)
        : base($"{requested} is not available: it needs {root?.Node}, which failed in step '{root?.Step}': {root?.Error.Message}", root)
    {
        ArgumentNullException.ThrowIfNull(root);
        Node = root.Node;
        Step = root.Step;
        Error = root.Error;
        Requested = requested;
    }

    /// <summary>The node that failed first.</summary>
    public string Node { get; }

    /// <summary>The step that was running when it failed ("(no step)" outside a run's steps).</summary>
    public string Step { get; }

    /// <summary>The error that made it fail.</summary>
    public Exception Error { get; }

    /// <summary>The node asked for, when it is not <see cref="Node"/> itself but needs it; else null.</summary>
    public string? Requested { get; }
}

/// <summary>The step a thread is running (a job of the run plan), so a node that fails can name it.</summary>
public static class RunStep
{
    private static readonly AsyncLocal<string?> CurrentStep = new();

    /// <summary>The step this thread is in, or "(no step)".</summary>
    public static string Current => CurrentStep.Value ?? "(no step)";

    /// <summary>Runs <paramref name="work"/> as step <paramref name="name"/>.</summary>
    public static T In<T>(string name, Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        string? outer = CurrentStep.Value;
        CurrentStep.Value = name;
        try
        {
            return work();
        }
        finally
        {
            CurrentStep.Value = outer;
        }
    }
}
