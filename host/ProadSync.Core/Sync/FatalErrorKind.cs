using System.Text.Json.Serialization;

namespace ProadSync.Core.Sync;

/// <summary>Why a run ended early; the caller counts failed connection attempts from it (SPEC R-ACC-3/4).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FatalErrorKind>))]
public enum FatalErrorKind
{
    /// <summary>The run was not ended by an error.</summary>
    None = 0,

    /// <summary>The server refused the credentials.</summary>
    Authentication = 1,

    /// <summary>The server's password expired (the account is paused, SPEC R-ACC-4).</summary>
    CredentialsExpired = 2,

    /// <summary>The account or server cannot work as configured.</summary>
    Configuration = 3,

    /// <summary>The server was unreachable or busy while listing.</summary>
    Transient = 4,

    /// <summary>An unexpected error outside any single item.</summary>
    Unexpected = 5,
}
