namespace ProadSync.Core.Leading;

/// <summary>A leading item changed between read and write; the caller re-reads and decides again (the leading change wins).</summary>
public sealed class LeadingConcurrencyException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What changed.</param>
    public LeadingConcurrencyException(string message)
        : base(message)
    {
    }
}
