using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions.Serialization;
using ProadSync.Abstractions.Models;

namespace ProadSync.Plugin.Graph.Targets;

/// <summary>Reads ids, versions and the <c>@removed</c> marker from SDK entities.</summary>
internal static class GraphItems
{
    public static ExternalItemRef RefOf(Entity entity) => new(entity.Id ?? string.Empty, VersionOf(entity));

    public static ItemVersion VersionOf(Entity entity)
    {
        if (entity.AdditionalData.TryGetValue("@odata.etag", out var value) && Text(value) is { Length: > 0 } etag)
        {
            return new ItemVersion(etag);
        }

        return new ItemVersion(entity is OutlookItem { ChangeKey: { } changeKey } ? $"W/\"{changeKey}\"" : string.Empty);
    }

    public static bool IsRemoved(Entity entity) => entity.AdditionalData.ContainsKey("@removed");

    private static string? Text(object? value) => value switch
    {
        string s => s,
        UntypedString u => u.GetValue(),
        null => null,
        _ => value.ToString(),
    };
}
