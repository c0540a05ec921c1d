using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ProadSync.Core.Leading;

namespace ProadSync.Storage.Sqlite;

/// <summary>Opens the host's catalog of leading databases, kept in <c>catalog.db</c> in a home folder.</summary>
/// <remarks>
/// The home folder holds <c>catalog.db</c> (the registered databases and host-wide settings) and, for databases
/// added without a connection string, <c>databases/&lt;name&gt;.db</c>.
/// </remarks>
public static class SqliteLeadingCatalog
{
    /// <summary>The catalog's file name in the home folder.</summary>
    public const string CatalogFileName = "catalog.db";

    /// <summary>The folder (under the home folder) that holds databases added without a connection string.</summary>
    public const string DatabasesFolderName = "databases";

    /// <summary>Opens the catalog in a home folder, creating the folder and the catalog when missing.</summary>
    /// <param name="homeDirectory">The home folder.</param>
    /// <param name="timeProvider">The clock for every time stamp.</param>
    /// <param name="loggerFactory">The logger factory, or <see langword="null"/>.</param>
    /// <returns>The catalog.</returns>
    /// <exception cref="LeadingValidationException">The folder or catalog cannot be created, or the catalog is newer than this code.</exception>
    public static ILeadingCatalog Open(string homeDirectory, TimeProvider timeProvider, ILoggerFactory? loggerFactory = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(homeDirectory);
        ArgumentNullException.ThrowIfNull(timeProvider);
        return SqliteCatalog.Open(Path.GetFullPath(homeDirectory), timeProvider, loggerFactory ?? NullLoggerFactory.Instance);
    }

    /// <summary>The host's IANA time zone (<see cref="TimeZoneInfo.Local"/>), or <c>UTC</c> when it has none.</summary>
    /// <returns>The time zone id.</returns>
    public static string HostTimeZoneId()
    {
        var local = TimeZoneInfo.Local;
        if (local.HasIanaId)
        {
            return local.Id;
        }

        return TimeZoneInfo.TryConvertWindowsIdToIanaId(local.Id, out var iana) ? iana : "UTC";
    }
}
