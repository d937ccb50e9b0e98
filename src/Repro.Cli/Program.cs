namespace Repro.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        Console.WriteLine(TorchSharp.torch.ones(2, 3).sum().item<float>());
        return args.Length;
    }
}
