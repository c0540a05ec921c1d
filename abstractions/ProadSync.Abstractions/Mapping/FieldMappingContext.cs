namespace ProadSync.Abstractions.Mapping;

/// <summary>What a field mapper knows about the run it maps for.</summary>
/// <param name="DatabaseName">The leading-system database.</param>
/// <param name="PluginId">The target plugin the items go to or come from.</param>
public sealed record FieldMappingContext(string DatabaseName, string PluginId)
{
    /// <summary>The mapper options an admin configured for the database (for example the privacy text).</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();
}
