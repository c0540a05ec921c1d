namespace ProadSync.Hosting.Licensing;

/// <summary>One interface of one database in <c>databases list</c> (SPEC R-SM-1, R-SM-2).</summary>
/// <param name="Interface">The interface, such as <c>caldav</c>.</param>
/// <param name="Licensed">Whether the installed, valid licence covers it for the database.</param>
/// <param name="Enabled">Whether the admin switched "Synchronisation/Export" on for it.</param>
/// <param name="Green">The green marker: licensed and enabled.</param>
public sealed record InterfaceState(string Interface, bool Licensed, bool Enabled, bool Green);
