using System.CommandLine;

namespace Repro.Cli.Commands;

/// <summary>`repro datasets`: the dataset summary table.</summary>
internal static class DatasetsCommand
{
    public static Command Create()
    {
        var cmd = new Command("datasets", "Print the dataset summary (users, items, interactions, concepts, file hashes).");
        cmd.SetAction(_ =>
        {
            Console.WriteLine("pending: the dataset summary lands with the loaders");
            return ExitCodes.Success;
        });
        return cmd;
    }
}
