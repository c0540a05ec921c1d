using Microsoft.Extensions.Logging;
using ProadSync.Plugin.CalDav.Probe;

namespace ProadSync.Plugin.CalDav.Targets;

/// <summary>The plugin's log messages (never credentials).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "CalDAV discovery found events at {Events} and tasks at {Tasks}")]
    public static partial void Discovered(ILogger logger, Uri events, Uri tasks);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information,
        Message = "CalDAV probe: profile {Profile} (looks like {Detected}), sync-collection {Sync}, invalid token reported {TokenReported}, multiget with a missing href: {Multiget}")]
    public static partial void Probed(ILogger logger, string profile, string detected, bool sync, bool tokenReported, MultigetMissing multiget);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information, Message = "CalDAV {Collection}: sync-token refused ({Reason}); full listing")]
    public static partial void TokenRefused(ILogger logger, Uri collection, string reason);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Information, Message = "CalDAV {Collection}: periodic full ETag reconcile (run {Run})")]
    public static partial void Reconcile(ILogger logger, Uri collection, int run);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Debug, Message = "CalDAV {Collection}: multiget failed as a whole (HTTP {Status}); reading {Count} items one by one")]
    public static partial void MultigetFallback(ILogger logger, Uri collection, int status, int count);
}
