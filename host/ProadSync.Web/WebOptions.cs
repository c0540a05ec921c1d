using Microsoft.Extensions.Logging;

namespace ProadSync.Web;

/// <summary>Options of the web UI.</summary>
public sealed record WebOptions
{
    /// <summary>The default address: loopback only, so nothing is exposed until an admin decides to (behind a TLS proxy).</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Where the UI listens (Kestrel URLs, separated by ';'). Port 0 picks a free port.</summary>
    public string Urls { get; init; } = DefaultUrl;

    /// <summary>How long a sign-in lasts without activity.</summary>
    public TimeSpan SessionIdleTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Sign-in attempts (form posts to <c>/login</c> and <c>/password</c>) accepted per client address and minute; more are answered 429.</summary>
    public int SignInAttemptsPerMinute { get; init; } = 10;

    /// <summary>The log of the stand-alone application (<see cref="ProadSyncWebApp"/>), or <see langword="null"/> for ASP.NET Core's console default.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}
