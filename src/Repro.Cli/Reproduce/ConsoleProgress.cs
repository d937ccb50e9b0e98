using System.Diagnostics;
using System.Globalization;
using Repro.Experiments;
using Repro.Orchestration;
using Spectre.Console;

namespace Repro.Cli.Reproduce;

/// <summary>
/// Progress of a reproduction on the console: on a terminal, a live Spectre bar per training (epoch, step, loss;
/// trainings that run side by side get a bar each) with a line above it per finished step; elsewhere (CI, pipes,
/// tests), plain lines, training updates at most every <see cref="PlainInterval"/> so logs stay readable.
/// </summary>
internal sealed class ConsoleProgress : IProgressSink
{
    /// <summary>Minimum time between two plain training lines.</summary>
    public static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly object _gate = new();
    private readonly TextWriter _plain;
    private ProgressContext? _live;
    private readonly Dictionary<string, ProgressTask> _tasks = new(StringComparer.Ordinal);
    private string? _training;
    private TimeSpan _lastPlain = -PlainInterval;

    /// <summary>A sink: live when <paramref name="live"/>, else plain lines to <paramref name="plain"/>.</summary>
    public ConsoleProgress(bool live, TextWriter plain)
    {
        IsLive = live;
        _plain = plain;
    }

    /// <summary>Whether the live display is used.</summary>
    public bool IsLive { get; }

    /// <summary>Time since the sink was made (the run's clock).</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Whether stdout is an interactive terminal (not redirected, not CI).</summary>
    public static bool StdoutIsTerminal() =>
        !Console.IsOutputRedirected
        && AnsiConsole.Profile.Capabilities.Interactive
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

    /// <summary>Runs <paramref name="work"/> under the live display (or directly in plain mode).</summary>
    public T Run<T>(Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!IsLive)
        {
            return work();
        }
        return AnsiConsole.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn { Width = 24 }, new PercentageColumn(), new StatusColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                _live = ctx;
                try
                {
                    return work();
                }
                finally
                {
                    FinishTrainings();
                    _live = null;
                }
            });
    }

    /// <inheritdoc />
    public void Info(string line)
    {
        lock (_gate)
        {
            Write(line, "grey");
        }
    }

    /// <summary>A finished step of the reproduction, with its duration.</summary>
    public void StepDone(string step, TimeSpan took)
    {
        lock (_gate)
        {
            Write(string.Create(CultureInfo.InvariantCulture, $"done: {step} ({took.TotalSeconds:0.0} s)"), "green");
        }
    }

    /// <inheritdoc />
    public void Training(string what, int epoch, int epochs, int step, int steps, double loss)
    {
        lock (_gate)
        {
            string status = epochs > 1
                ? string.Create(CultureInfo.InvariantCulture, $"epoch {epoch}/{epochs}, step {step}/{steps}, loss {loss:0.#####}")
                : string.Create(CultureInfo.InvariantCulture, $"step {step}/{steps}, loss {loss:0.#####}");
            if (IsLive && _live is not null)
            {
                if (!_tasks.TryGetValue(what, out var task))
                {
                    task = _live.AddTask(Markup.Escape(what), maxValue: Math.Max(1, (double)epochs * Math.Max(1, steps)));
                    _tasks[what] = task;
                }
                task.Value = Math.Min(task.MaxValue, ((epoch - 1) * (double)Math.Max(1, steps)) + step);
                task.State.Update<int>(StatusColumn.Epoch, _ => epoch);
                task.State.Update<int>(StatusColumn.Epochs, _ => epochs);
                task.State.Update<double>(StatusColumn.Loss, _ => loss);
                if (task.Value >= task.MaxValue)
                {
                    task.StopTask();
                    _tasks.Remove(what);
                }
                return;
            }
            var now = _clock.Elapsed;
            if (_training != what || now - _lastPlain >= PlainInterval)
            {
                bool first = _training != what;
                _training = what;
                if (first && now - _lastPlain < PlainInterval)
                {
                    // A new training within the interval: still quiet, so fast trainings don't flood the log.
                    return;
                }
                _lastPlain = now;
                Write($"training {what}: {status}", "grey");
            }
        }
    }

    private void FinishTrainings()
    {
        foreach (var task in _tasks.Values)
        {
            task.Value = task.MaxValue;
            task.StopTask();
        }
        _tasks.Clear();
        _training = null;
    }

    private void Write(string line, string color)
    {
        string stamp = string.Create(CultureInfo.InvariantCulture, $"[{_clock.Elapsed.TotalSeconds,7:0.0}s]");
        if (IsLive)
        {
            AnsiConsole.MarkupLine($"[grey]{Markup.Escape(stamp)}[/] [{color}]{Markup.Escape(line)}[/]");
        }
        else
        {
            _plain.WriteLine(stamp + " " + line);
        }
    }
}

/// <summary>A progress column with the training's epoch and current loss (kept apart from the name so neither is cut).</summary>
internal sealed class StatusColumn : ProgressColumn
{
    /// <summary>Task-state keys.</summary>
    public const string Epoch = "epoch", Epochs = "epochs", Loss = "loss";

    /// <inheritdoc />
    public override Spectre.Console.Rendering.IRenderable Render(Spectre.Console.Rendering.RenderOptions options, ProgressTask task, TimeSpan deltaTime)
    {
        ArgumentNullException.ThrowIfNull(task);
        int epochs = task.State.Get<int>(Epochs);
        string text = epochs switch
        {
            0 => "",
            1 => string.Create(CultureInfo.InvariantCulture, $"loss {task.State.Get<double>(Loss):0.0000}"),
            _ => string.Create(CultureInfo.InvariantCulture, $"epoch {task.State.Get<int>(Epoch)}/{epochs}  loss {task.State.Get<double>(Loss):0.0000}"),
        };
        return new Text(text, new Style(Color.Grey));
    }
}
