using System.Xml.Linq;

namespace ProadSync.FakeEws;

/// <summary>One item stored in a fake mailbox: its identity, its kind and its properties as EWS elements.</summary>
public sealed class FakeItem
{
    internal FakeItem(string id, string kind, string folderId)
    {
        Id = id;
        Kind = kind;
        FolderId = folderId;
    }

    /// <summary>The EWS ItemId (case-sensitive, stable for the item's life).</summary>
    public string Id { get; }

    /// <summary>The item element name: <c>CalendarItem</c>, <c>Task</c> or <c>Contact</c>.</summary>
    public string Kind { get; }

    /// <summary>The id of the folder that holds the item.</summary>
    public string FolderId { get; }

    /// <summary>The current ChangeKey; it changes on every write.</summary>
    public string ChangeKey { get; internal set; } = string.Empty;

    /// <summary>The properties, keyed by element name (<c>ExtendedProperty</c> lives in <see cref="ExtendedProperties"/>).</summary>
    internal Dictionary<string, XElement> Fields { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The extended properties, keyed by a canonical form of their ExtendedFieldURI.</summary>
    internal Dictionary<string, XElement> ExtendedProperties { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Returns the text of a property element, or <see langword="null"/> when the item has none.</summary>
    /// <param name="element">The element name (for example <c>Subject</c>, <c>Sensitivity</c>).</param>
    /// <returns>The text value.</returns>
    public string? GetValue(string element) => Fields.TryGetValue(element, out var e) ? e.Value : null;

    /// <summary>Returns the value of a PublicStrings string extended property, or <see langword="null"/>.</summary>
    /// <param name="propertyName">The property name.</param>
    /// <returns>The value.</returns>
    public string? GetPublicString(string propertyName) =>
        ExtendedProperties.TryGetValue(Protocol.ExtendedKey.PublicString(propertyName), out var e)
            ? e.Element(Protocol.EwsNames.T + "Value")?.Value
            : null;

    internal FakeItem CloneForUpdate() => new(Id, Kind, FolderId)
    {
        ChangeKey = ChangeKey,
        Fields = Fields.ToDictionary(p => p.Key, p => new XElement(p.Value), StringComparer.Ordinal),
        ExtendedProperties = ExtendedProperties.ToDictionary(p => p.Key, p => new XElement(p.Value), StringComparer.Ordinal),
    };
}
