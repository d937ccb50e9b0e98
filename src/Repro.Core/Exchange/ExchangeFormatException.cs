namespace Repro.Exchange;

/// <summary>
/// An exported model's file that cannot be used (truncated, a header that lies, a tensor of another name, shape or
/// dtype, a config for other data): the message names the file and says what was expected and what was found.
/// </summary>
public sealed class ExchangeFormatException : Exception
{
    /// <summary>An error about <paramref name="file"/>.</summary>
    public ExchangeFormatException(string file, string problem)
        : base($"{file}: {problem}")
    {
        File = file;
        Problem = problem;
    }

    /// <summary>An error about <paramref name="file"/> caused by <paramref name="inner"/>.</summary>
    public ExchangeFormatException(string file, string problem, Exception inner)
        : base($"{file}: {problem}", inner)
    {
        File = file;
        Problem = problem;
    }

    /// <summary>An error with a bare message (no file).</summary>
    public ExchangeFormatException()
        : this("(unknown file)", "not a usable exported model")
    {
    }

    /// <summary>An error with a message as the problem (no file).</summary>
    public ExchangeFormatException(string message)
        : this("(unknown file)", message)
    {
    }

    /// <summary>An error with a message as the problem (no file) and its cause.</summary>
    public ExchangeFormatException(string message, Exception innerException)
        : this("(unknown file)", message, innerException)
    {
    }

    /// <summary>The file that cannot be used.</summary>
    public string File { get; }

    /// <summary>What is wrong with it.</summary>
    public string Problem { get; }
}
