namespace ProadSync.Abstractions.Models;

/// <summary>
/// An opaque version of an external item: a CalDAV ETag, an EWS ChangeKey, a Graph <c>@odata.etag</c>, a content
/// hash. Two versions are equal when their values are equal (ordinal).
/// </summary>
/// <param name="Value">The version as the target reports it.</param>
public sealed record ItemVersion(string Value)
{
    /// <inheritdoc />
    public override string ToString() => Value;
}
