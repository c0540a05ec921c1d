using Microsoft.Graph.Models;

namespace ProadSync.Plugin.Graph.Mapping;

/// <summary>Reads single-value extended properties and builds the <c>$filter</c>/<c>$expand</c> clauses for them.</summary>
internal static class ExtendedProperties
{
    public static string? Find(IEnumerable<SingleValueLegacyExtendedProperty>? properties, string id) =>
        properties?.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase))?.Value is { Length: > 0 } value ? value : null;

    /// <summary><c>singleValueExtendedProperties/Any(ep: ep/id eq '…' and ep/value eq '…')</c>.</summary>
    public static string FilterByValue(string id, string value) =>
        $"singleValueExtendedProperties/Any(ep: ep/id eq '{Quote(id)}' and ep/value eq '{Quote(value)}')";

    /// <summary><c>singleValueExtendedProperties($filter=id eq '…' or id eq '…')</c>.</summary>
    public static string Expand(params string[] ids) =>
        $"singleValueExtendedProperties($filter={string.Join(" or ", ids.Select(i => $"id eq '{Quote(i)}'"))})";

    private static string Quote(string value) => value.Replace("'", "''", StringComparison.Ordinal);
}
