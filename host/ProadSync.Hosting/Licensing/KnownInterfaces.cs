namespace ProadSync.Hosting.Licensing;

/// <summary>The interfaces (licence features) the host knows without any plugin, and which plugin needs which.</summary>
public static class KnownInterfaces
{
    /// <summary>CalDAV (and CardDAV) servers.</summary>
    public const string CalDav = "caldav";

    /// <summary>Microsoft Exchange (EWS on-premises and Graph for Exchange Online).</summary>
    public const string Exchange = "exchange";

    /// <summary>The interfaces always listed by <c>databases list</c>.</summary>
    public static IReadOnlyList<string> Defaults { get; } = [CalDav, Exchange];

    /// <summary>
    /// The interface a built-in plugin needs, or <see langword="null"/> for a plugin that needs none (such as
    /// <c>vdir</c>, always usable). Plugins dropped in declare theirs in their manifest; the caller maps those.
    /// </summary>
    /// <param name="pluginId">The plugin id.</param>
    /// <returns>The interface, or <see langword="null"/>.</returns>
    public static string? ForBuiltInPlugin(string pluginId) => pluginId.ToLowerInvariant() switch
    {
        "caldav" or "carddav" => CalDav,
        "exchange" or "graph" => Exchange,
        _ => null,
    };
}
