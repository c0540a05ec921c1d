namespace ProadSync.Core.Leading;

/// <summary>A leading-system database (tenant) registered with the host.</summary>
/// <param name="Name">The database's name (unique, case-insensitive).</param>
/// <param name="Provider">The store behind it (<c>sqlite</c>; later <c>postgres</c>, <c>proad-api</c>).</param>
/// <param name="ConnectionString">How to reach it.</param>
/// <param name="TimeZoneId">The IANA time zone times without offset are read in.</param>
public sealed record DatabaseInfo(string Name, string Provider, string ConnectionString, string TimeZoneId);
