namespace ProadSync.Abstractions.Errors;

/// <summary>
/// The server refused this one item (invalid content, a size limit, a forbidden component). The host records the
/// failure for the item and goes on with the run.
/// </summary>
public sealed class ItemRejectedException : TargetException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">One sentence for a person, naming the item and the server's reason.</param>
    /// <param name="innerException">The cause, if any.</param>
    public ItemRejectedException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
