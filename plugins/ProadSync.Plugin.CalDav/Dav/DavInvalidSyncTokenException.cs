namespace ProadSync.Plugin.CalDav.Dav;

/// <summary>The server refused the sync-token (RFC 6578 valid-sync-token, or Xandikos' 500).</summary>
internal sealed class DavInvalidSyncTokenException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What the server answered.</param>
    public DavInvalidSyncTokenException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public DavInvalidSyncTokenException()
        : base("The server refused the sync-token.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What the server answered.</param>
    /// <param name="innerException">The cause.</param>
    public DavInvalidSyncTokenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
