using System.CommandLine;
using Repro.Reporting;
using Spectre.Console;

namespace Repro.Cli.Commands;

/// <summary>`repro snapshots`: lists received tables that differ from the approved ones; `accept` approves them after review.</summary>
internal static class SnapshotsCommand
{
    public static Command Create()
    {
        var list = new Command("snapshots", "List received tables that differ from the approved ones, with their diffs.");
        var name = new Argument<string[]>("name") { Description = "Snapshot name(s) to accept, e.g. DatasetSummaryTests.Summary_of_every_dataset", Arity = ArgumentArity.ZeroOrMore };
        var all = new Option<bool>("--all") { Description = "Accept every received table (after reading every diff)." };
        var accept = new Command("accept", "Accept received tables: they replace the approved ones. Refused under CI=true.") { name, all };
        accept.SetAction(r => Accept(r.GetValue(name) ?? [], r.GetValue(all)));
        list.Subcommands.Add(accept);
        list.SetAction(_ => List());
        return list;
    }

    private static int List()
    {
        var store = SnapshotStore.Default;
        var pending = store.Pending();
        if (pending.Count == 0)
        {
            AnsiConsole.MarkupLine("[green]Every produced table matches its approved file.[/]");
            return ExitCodes.Success;
        }
        foreach (string n in pending)
        {
            Ui.Line($"[yellow]{n}[/]");
            foreach (string line in store.DiffOf(n).Split('\n'))
            {
                string color = line.StartsWith('+') ? "green" : line.StartsWith('-') ? "red" : "grey";
                Ui.Line($"[{color}]{line}[/]");
            }
        }
        Ui.Line($"{pending.Count} table(s) differ. After reading each diff: repro snapshots accept NAME (or --all).");
        return ExitCodes.Failure;
    }

    private static int Accept(string[] names, bool all)
    {
        var store = SnapshotStore.Default;
        if (SnapshotStore.IsCi)
        {
            Console.Error.WriteLine("Refusing to accept snapshots under CI=true: approved tables change only when a person reads the diff.");
            return ExitCodes.Failure;
        }
        var chosen = all ? store.Pending().ToArray() : names;
        if (chosen.Length == 0)
        {
            Console.Error.WriteLine(all ? "Nothing to accept: no received tables." : "Name the snapshot(s) to accept, or pass --all.");
            return all ? ExitCodes.Success : ExitCodes.Usage;
        }
        foreach (string n in chosen)
        {
            try
            {
                store.Accept(n);
                Ui.Line($"[green]accepted[/] {n}");
            }
            catch (FileNotFoundException e)
            {
                Console.Error.WriteLine(e.Message);
                return ExitCodes.Failure;
            }
        }
        return ExitCodes.Success;
    }
}
