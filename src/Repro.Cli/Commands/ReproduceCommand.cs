using System.CommandLine;

namespace Repro.Cli.Commands;

/// <summary>`repro reproduce`: the whole paper, through the same code as the test fixtures.</summary>
internal static class ReproduceCommand
{
    public static Command Create()
    {
        var cmd = new Command("reproduce", "Run the whole reproduction and write the report.");
        cmd.SetAction(_ =>
        {
            Console.WriteLine("pending");
            return ExitCodes.Success;
        });
        return cmd;
    }
}
