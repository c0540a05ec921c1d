namespace ProadSync.Hosting.Licensing;

/// <summary>A licence was refused, or an operation needs a licence that is not there; the message is the one sentence shown to the admin.</summary>
public sealed class LicenceException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LicenceException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and what to do.</param>
    public LicenceException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and what to do.</param>
    /// <param name="innerException">The cause.</param>
    public LicenceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
