using System.CommandLine;
using Repro.Cli.Commands;
using Repro.Data;
using Spectre.Console;

namespace Repro.Cli;

/// <summary>
/// `repro`: the reproduction's command line. Exit codes: 0 success, 1 a failed step (named), 2 bad usage.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        // Before anything can touch torch: MKL, oneDNN and ATen read these once, at their first use.
        NumericPins.Apply();
        return Run(args);
    }

    /// <summary>The whole command line in process (tests call this): parses, runs, maps failures to exit codes.</summary>
    internal static int Run(string[] args)
    {
        var libtorch = new Option<string?>("--libtorch")
        {
            Description = $"libtorch folder to load (DIR, python or python:/path/to/python3; default: env {TorchNatives.EnvironmentVariable}). Needed by -p:TorchBackend=external builds.",
            Recursive = true,
        };
        var root = new RootCommand("Reproduces 'Extracting Interaction-Aware Monosemantic Concepts in Recommender Systems' (AAAI 2026).")
        {
            libtorch,
            ReproduceCommand.Create(),
            ExportCommand.Create(),
            DatasetsCommand.Create(),
            SnapshotsCommand.Create(),
        };
        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                Console.Error.WriteLine(error.Message);
            }
            Console.Error.WriteLine("Run `repro --help` for usage.");
            return ExitCodes.Usage;
        }
        try
        {
            // Before TorchSharp's first call: an external-backend build loads the libtorch it was pointed at.
            if (parsed.Action is not System.CommandLine.Help.HelpAction
                && (parsed.CommandResult.Command.Name is "reproduce" or "export" || parsed.GetValue(libtorch) is not null)
                && TorchNatives.Preload(parsed.GetValue(libtorch)) is { } folder)
            {
                Console.Error.WriteLine($"libtorch: {folder}");
            }
        }
        catch (TorchNativesException e)
        {
            Console.Error.WriteLine(e.Message);
            return ExitCodes.Failure;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (StepFailedException e)
        {
            // stderr, one unwrapped line: a failure is for the person or script watching the exit code, not the report.
            Console.Error.WriteLine(Ui.Plain($"Step '{e.Step}' failed: {e.Cause}"));
            return ExitCodes.Failure;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DatasetFormatException)
        {
            // A checkout, data or cache folder that cannot be found or written (e.g. `repro snapshots` outside a checkout).
            Console.Error.WriteLine(Ui.Plain($"repro: {e.Message}"));
            return ExitCodes.Failure;
        }
    }
}

/// <summary>The CLI's exit codes.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Usage = 2;
}

/// <summary>A pipeline step that failed, named for the user.</summary>
internal sealed class StepFailedException(string step, Exception inner) : Exception($"Step '{step}' failed: {CauseOf(inner)}", inner)
{
    public string Step { get; } = step;

    /// <summary>The cause in one line: a node's own failure is its error; a node that needed a failed one says which and why.</summary>
    public string Cause => CauseOf(InnerException ?? this);

    /// <summary>The cause of <paramref name="e"/> in one line (see <see cref="Cause"/>).</summary>
    public static string CauseOf(Exception e)
    {
        var cause = e is StepFailedException { InnerException: { } inner } ? inner : e;
        string text = cause is Repro.Orchestration.NodeFailedException { Requested: null } node ? node.Error.Message : cause.Message;
        return text.Split('\n')[0].Trim();
    }
}

/// <summary>Console output helpers: culture-invariant markup.</summary>
internal static class Ui
{
    /// <summary>Writes one markup line with interpolated (escaped) values, invariantly formatted.</summary>
    public static void Line(FormattableString text) => AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, text);

    /// <summary>Text safe for a terminal: control characters (NUL, escape codes) shown as \xNN, never sent raw.</summary>
    public static string Plain(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Repro.Snapshots.LineDiff.Printable(text);
    }
}
