namespace ProadSync.Hosting.Licensing;

/// <summary>One database in <c>databases list</c>, with the state of each known interface (SPEC R-SM-1, R-SM-2).</summary>
/// <param name="Name">The database's name.</param>
/// <param name="Provider">The store behind it.</param>
/// <param name="TimeZone">The database's IANA time zone.</param>
/// <param name="Interfaces">The interfaces: the known ones first, then any other the licence or a plugin names.</param>
public sealed record DatabaseInterfaces(string Name, string Provider, string TimeZone, IReadOnlyList<InterfaceState> Interfaces);
