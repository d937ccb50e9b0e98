using System.CommandLine;
using Repro.Data;
using Repro.Reporting;

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
            foreach (string name in Datasets.Names)
            {
                if (!Datasets.IsAvailable(name))
                {
                    Console.Error.WriteLine($"{name}: not in {RepoPaths.Data} (build with network, or with REPRO_DATASET_MIRROR=DIR); skipped.");
                    continue;
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
