namespace ProadSync.Formats;

/// <summary>An iCalendar text cannot be read (or an item cannot be written); the message is one sentence for a person.</summary>
public sealed class IcsFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public IcsFormatException()
        : base("The iCalendar data is malformed.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">One sentence: what is wrong.</param>
    public IcsFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">One sentence: what is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public IcsFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
