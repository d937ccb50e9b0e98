namespace Repro.Orchestration;

/// <summary>What a long step reports: a line of text, or progress of a training.</summary>
public interface IProgressSink
{
    /// <summary>A finished step or a notice.</summary>
    void Info(string line);

    /// <summary>A training step: what is trained, epoch (1-based) of epochs, step of steps, current loss.</summary>
    void Training(string what, int epoch, int epochs, int step, int steps, double loss);
}

/// <summary>A sink that drops everything (tests).</summary>
public sealed class SilentProgress : IProgressSink
{
    /// <summary>The shared instance.</summary>
    public static SilentProgress Instance { get; } = new();

    /// <inheritdoc />
    public void Info(string line)
    {
    }

    /// <inheritdoc />
    public void Training(string what, int epoch, int epochs, int step, int steps, double loss)
    {
    }
}
