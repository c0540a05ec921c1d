namespace ProadSync.VCard;

/// <summary>The text is not a vCard that can be read.</summary>
public sealed class VCardFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">One sentence saying what is wrong.</param>
    public VCardFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public VCardFormatException()
        : base("The text is not a vCard.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">One sentence saying what is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public VCardFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
