namespace ProadSync.Plugin.CalDav.Http;

/// <summary>The server's answer is not usable WebDAV (malformed XML, a DTD, too large).</summary>
internal sealed class DavProtocolException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">One sentence.</param>
    /// <param name="innerException">The cause.</param>
    public DavProtocolException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public DavProtocolException()
        : base("The server's answer is not usable WebDAV.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">One sentence.</param>
    public DavProtocolException(string message)
        : base(message)
    {
    }
}
