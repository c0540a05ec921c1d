using ProadSync.Plugin.CalDav.Http;

namespace ProadSync.Plugin.CalDav.Probe;

/// <summary>What the capability probe measured on a server; cached in the account's state.</summary>
internal sealed record ServerCapabilities
{
    /// <summary>The probe format; a cached probe of another version is probed again.</summary>
    public int Version { get; init; } = 1;

    /// <summary>The profile in use (<c>generic</c>, <c>davical</c>, <c>baikal</c>, <c>radicale</c>, <c>xandikos</c>).</summary>
    public string Profile { get; init; } = ServerProfiles.Generic;

    /// <summary>The profile the server looked like, whatever was configured.</summary>
    public string DetectedProfile { get; init; } = ServerProfiles.Generic;

    /// <summary>The authentication scheme the server asked for.</summary>
    public DavAuthScheme AuthScheme { get; init; }

    /// <summary>Whether a PUT answer carries the new ETag.</summary>
    public bool ETagOnPut { get; init; } = true;

    /// <summary>Whether sync-collection (RFC 6578) works.</summary>
    public bool SyncCollection { get; init; }

    /// <summary>Whether an invalid sync-token is refused (false: DAViCal answers a full listing without deletions).</summary>
    public bool InvalidTokenReported { get; init; } = true;

    /// <summary>The status an invalid token got (403/409/412 by the RFC, 500 on Xandikos).</summary>
    public int? InvalidTokenStatus { get; init; }

    /// <summary>What multiget does with a missing href.</summary>
    public MultigetMissing Multiget { get; init; }

    /// <summary>Whether the task collection accepted a VTODO.</summary>
    public bool TodoAccepted { get; init; } = true;

    /// <summary>The Server/X-… header that identified the server, for the connection test.</summary>
    public string? ServerSoftware { get; init; }
}
