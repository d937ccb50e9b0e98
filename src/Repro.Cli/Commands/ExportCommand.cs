using System.CommandLine;
using Repro.Cli.Export;

namespace Repro.Cli.Commands;

/// <summary>
/// `repro export`: every model a run uses (the recommenders and SAEs `repro reproduce` with the same options would use;
/// cached ones reused, missing ones trained), one folder each, as safetensors with a config.json for PyTorch users.
/// </summary>
internal static class ExportCommand
{
    /// <summary>The command, with the run options of `reproduce`.</summary>
    public static Command Create() => ReproduceCommand.Create(
        "export",
        "Write every model of a run (the same options as reproduce) as PyTorch safetensors + config.json, one folder per model.",
        ExportRun.DefaultOutput,
        "Export folder, new or empty: one subfolder per model (config.json, model.safetensors; a recommender also users.csv, items.csv).",
        imports: false,
        options => ExportRun.Execute(options, Console.Out, Console.Error));
}
