using System.CommandLine;
using Repro.Data;
using Repro.Presentation;

namespace Repro.Cli.Commands;

/// <summary>`repro datasets`: the dataset summary table (what the approved DatasetSummary snapshot holds).</summary>
internal static class DatasetsCommand
{
    public static Command Create()
    {
        var cmd = new Command("datasets", "Print the dataset summary (users, items, interactions, concepts, file hashes).");
        cmd.SetAction(_ =>
        {
            var loaded = new List<RecDataset>();
            foreach (var name in Datasets.Names)
            {
                var entry = Datasets.Entry(name);
                var missing = Datasets.MissingMembers(name);
                if (missing.Count == entry.Members.Count && missing.Count > 0)
                {
                    Console.Error.WriteLine($"{name}: not in {Datasets.FolderOf(entry)} (build with network, or with REPRO_DATASET_MIRROR=DIR); skipped.");
                    continue;
                }
                if (missing.Count > 0)
                {
                    // A partial copy is broken, not absent: name what is missing instead of skipping it quietly.
                    throw new StepFailedException("load " + name, new FileNotFoundException(
                        $"{Datasets.FolderOf(entry)} lacks {string.Join(", ", missing)} (it has the other member files). Fetch the dataset again: " +
                        $"move the folder away and run `dotnet build` (or `REPRO_DATASET_MIRROR=DIR dotnet build` offline)."));
                }
                try
                {
                    loaded.Add(Datasets.Load(name));
                }
                catch (Exception e) when (e is DatasetFormatException or IOException)
                {
                    throw new StepFailedException("load " + name, e);
                }
            }
            Console.Write(DatasetSummary.Build(loaded));
            return ExitCodes.Success;
        });
        return cmd;
    }
}
