namespace ProadSync.Abstractions;

/// <summary>
/// The version of the plugin contract this assembly defines.
/// </summary>
/// <remarks>
/// A plugin's manifest names the contract version it was built against. The host loads a plugin only when the
/// manifest's major version equals <see cref="Major"/> and its minor version is not newer than <see cref="Minor"/>.
/// Within one major version the contract only grows (new members get default implementations), so the assembly
/// version stays frozen at <c>Major.0.0.0</c>.
/// </remarks>
public static class ContractVersion
{
    /// <summary>The major version: a plugin built for another major is refused.</summary>
    public const int Major = 1;

    /// <summary>
    /// The minor version: a plugin that needs a newer minor is refused. 1.1 added
    /// <see cref="Models.FetchedItem.Warning"/>; 1.2 added <see cref="Targets.IContactTarget.GetVersionAsync"/>.
    /// </summary>
    public const int Minor = 2;

    /// <summary>The contract version as a <see cref="System.Version"/> (<c>Major.Minor</c>).</summary>
    public static Version Current { get; } = new(Major, Minor);
}
