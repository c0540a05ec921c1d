using System.Text.Json;

namespace ProadSync.Plugin.Graph.Targets;

/// <summary>
/// What the plugin stores as a <see cref="Abstractions.Models.SyncCursor"/>: the delta link, and for the calendar
/// view the window the delta round was started for (a delta link is bound to its window, so a window the host
/// moves outside it needs a new baseline).
/// </summary>
internal sealed record GraphCursor(int V, string Kind, DateTimeOffset? WindowStart, DateTimeOffset? WindowEnd, string DeltaLink)
{
    public string Serialize() => JsonSerializer.Serialize(this);

    public static GraphCursor? Parse(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<GraphCursor>(value) is { V: 1, DeltaLink.Length: > 0 } cursor ? cursor : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
