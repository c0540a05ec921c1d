namespace ProadSync.Abstractions.Errors;

/// <summary>
/// The account cannot work as configured (a missing URL, a collection that does not exist, an unsupported
/// operation). Not retried; the message tells the admin what to change.
/// </summary>
public sealed class TargetConfigurationException : TargetException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">One sentence for a person: what is wrong and what to do.</param>
    /// <param name="innerException">The cause, if any.</param>
    public TargetConfigurationException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
