namespace ProadSync.Hosting.Licensing;

/// <summary>The state of one interface of one database after <c>databases enable</c> / <c>disable</c>.</summary>
/// <param name="Database">The database's name.</param>
/// <param name="Interface">The interface.</param>
/// <param name="Licensed">Whether the installed, valid licence covers it for the database.</param>
/// <param name="Enabled">Whether "Synchronisation/Export" is switched on.</param>
/// <param name="Green">The green marker: licensed and enabled (SPEC R-SM-2).</param>
public sealed record DatabaseInterfaceState(string Database, string Interface, bool Licensed, bool Enabled, bool Green);
