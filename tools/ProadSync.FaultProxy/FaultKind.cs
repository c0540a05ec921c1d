namespace ProadSync.FaultProxy;

/// <summary>The faults the proxy injects.</summary>
public enum FaultKind
{
    /// <summary>The request is held for a random time, then forwarded normally.</summary>
    Delay,

    /// <summary>The connection is closed before the request reaches the server (nothing happened there).</summary>
    DropBeforeForward,

    /// <summary>The request is forwarded, then the connection is closed before the answer (the server did it; the client never heard: a lost response).</summary>
    DropAfterForward,

    /// <summary>The answer's status and headers are sent with half the body, then the connection is reset.</summary>
    ResetMidBody,

    /// <summary>The answer's body is cut in half and sent with a matching Content-Length (a syntactically broken document).</summary>
    TruncateBody,

    /// <summary>500 Internal Server Error without forwarding.</summary>
    Status500,

    /// <summary>502 Bad Gateway without forwarding.</summary>
    Status502,

    /// <summary>503 Service Unavailable (with Retry-After) without forwarding.</summary>
    Status503,

    /// <summary>507 Insufficient Storage without forwarding.</summary>
    Status507,

    /// <summary>429 Too Many Requests with Retry-After, without forwarding.</summary>
    TooManyRequests,

    /// <summary>412 Precondition Failed on a write (PUT, DELETE) without forwarding.</summary>
    PreconditionFailed,

    /// <summary>A sync-collection REPORT's token is rewritten to a stale one the server never issued, then forwarded.</summary>
    StaleSyncToken,

    /// <summary>A sync-collection REPORT with a token is answered 403 with the <c>DAV:valid-sync-token</c> precondition.</summary>
    InvalidSyncToken,
}
