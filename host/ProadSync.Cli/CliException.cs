namespace ProadSync.Cli;

/// <summary>A refused or failed operation: the message is the one sentence printed on stderr (exit code 1).</summary>
internal sealed class CliException : Exception
{
    public CliException(string message)
        : base(message)
    {
    }
}
