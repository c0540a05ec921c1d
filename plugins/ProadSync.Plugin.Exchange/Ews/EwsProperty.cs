namespace ProadSync.Plugin.Exchange.Ews;

/// <summary>
/// One property we write: how UpdateItem addresses it and how its element looks. A property with a
/// <see langword="null"/> <see cref="Text"/> (and no <see cref="Attribute"/>) is absent: left out on create,
/// removed with DeleteItemField on update.
/// </summary>
/// <param name="Kind">How the property is addressed.</param>
/// <param name="Uri">The FieldURI (<c>item:Subject</c>), the dictionary URI (<c>contacts:PhoneNumber</c>) or the extended property name.</param>
/// <param name="Element">The element name (<c>Subject</c>), the dictionary element (<c>PhoneNumbers</c>) or <c>ExtendedProperty</c>.</param>
/// <param name="Text">The element text.</param>
internal sealed record EwsProperty(EwsPathKind Kind, string Uri, string Element, string? Text)
{
    /// <summary>The dictionary key (FieldIndex / Entry Key) of an indexed property.</summary>
    public string? Index { get; init; }

    /// <summary>The member of a physical address entry (<c>Street</c>, <c>City</c>, …).</summary>
    public string? Member { get; init; }

    /// <summary>An attribute the element carries (<c>BodyType</c> of Body, <c>Id</c> of StartTimeZone).</summary>
    public (string Name, string Value)? Attribute { get; init; }

    /// <summary>Whether the property has a value to write.</summary>
    public bool HasValue => Text is not null || (Attribute is not null && Element is "StartTimeZone" or "EndTimeZone");

    public static EwsProperty Field(string uri, string? text) => new(EwsPathKind.Field, uri, uri[(uri.IndexOf(':', StringComparison.Ordinal) + 1)..], text);

    public static EwsProperty Extended(string name, string? text) => new(EwsPathKind.Extended, name, "ExtendedProperty", text);
}
