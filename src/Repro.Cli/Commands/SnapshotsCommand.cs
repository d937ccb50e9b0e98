using System.CommandLine;
using Repro.Snapshots;
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
        var accept = new Command("accept", "Accept received tables: they replace the approved ones. Refused on a build server (CI, GitHub Actions, Azure Pipelines, …).") { name, all };
        accept.SetAction(r => Accept(r.GetValue(name) ?? [], r.GetValue(all)));
        list.Subcommands.Add(accept);
        list.SetAction(_ => List());
        return list;
    }

    private static int List()
    {
        var store = SnapshotStore.Default;
        if (store.FolderProblem() is { } missing)
        {
            Console.Error.WriteLine("repro: " + missing);
            return ExitCodes.Failure;
        }
        var pending = store.Pending();
        if (pending.Count == 0)
        {
            AnsiConsole.MarkupLine("[green]Every produced table matches its approved file.[/]");
            return ExitCodes.Success;
        }
        foreach (string n in pending)
        {
            // Plain writes: the diff is already printable (LineDiff escapes control characters) and must not be wrapped.
            Console.Out.WriteLine(n);
            Console.Out.Write(store.DiffOf(n));
        }
        Console.Out.WriteLine($"{pending.Count} table(s) differ. After reading each diff: repro snapshots accept NAME (or --all).");
        return ExitCodes.Failure;
    }

    private static int Accept(string[] names, bool all)
    {
        if (BuildServer.Name is { } server)
        {
            Console.Error.WriteLine($"Refusing to accept snapshots on a build server ({server}): approved tables change only when a person reads the diff. Accept on your own machine, where no CI variable is set.");
            return ExitCodes.Failure;
        }
        var store = SnapshotStore.Default;
        if (store.FolderProblem() is { } missing)
        {
            Console.Error.WriteLine("repro: " + missing);
            return ExitCodes.Failure;
        }
        var chosen = all ? store.Pending().ToArray() : names;
        if (chosen.Length == 0)
        {
            Console.Error.WriteLine(all ? "Nothing to accept: no received tables." : "Name the snapshot(s) to accept, or pass --all.");
            return all ? ExitCodes.Success : ExitCodes.Usage;
        }
        // Every name is checked before any file moves: a bad name among good ones accepts nothing.
        string[] badNames = [.. chosen.Select(store.NameProblem).OfType<string>()];
        if (badNames.Length > 0)
        {
            foreach (string problem in badNames)
            {
                Console.Error.WriteLine(problem);
            }
            Console.Error.WriteLine("Nothing was accepted.");
            return ExitCodes.Usage;
        }
        string[] notPending = [.. chosen.Where(n => !File.Exists(store.ReceivedPath(n)))];
        if (notPending.Length > 0)
        {
            foreach (string n in notPending)
            {
                Console.Error.WriteLine($"No received file for '{n}' (looked for {store.ReceivedPath(n)}).");
            }
            Console.Error.WriteLine("Nothing was accepted; `repro snapshots` lists the pending names.");
            return ExitCodes.Failure;
        }
        foreach (string n in chosen.Distinct(StringComparer.Ordinal))
        {
            store.Accept(n);
            Console.Out.WriteLine($"accepted {n}");
        }
        return ExitCodes.Success;
    }
}
