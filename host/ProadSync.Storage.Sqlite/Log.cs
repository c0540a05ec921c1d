using Microsoft.Extensions.Logging;

namespace ProadSync.Storage.Sqlite;

/// <summary>The store's log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Migrated the schema of database {Database} from version {From} to {To}")]
    public static partial void Migrated(ILogger logger, string database, int from, int to);

    [LoggerMessage(2, LogLevel.Information, "Registered database {Database} (provider {Provider}, time zone {TimeZone})")]
    public static partial void DatabaseAdded(ILogger logger, string database, string provider, string timeZone);
}
