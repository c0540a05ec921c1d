namespace ProadSync.Plugin.CalDav.Http;

/// <summary>How the server wants to be authenticated.</summary>
internal enum DavAuthScheme
{
    /// <summary>Not known yet: the first request goes without credentials and the challenge decides.</summary>
    Unknown = 0,

    /// <summary>The server never asked (Xandikos).</summary>
    None = 1,

    /// <summary>HTTP Basic, sent pre-emptively once known.</summary>
    Basic = 2,

    /// <summary>HTTP Digest, computed from the cached challenge.</summary>
    Digest = 3,
}
