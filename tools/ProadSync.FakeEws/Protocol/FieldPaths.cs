namespace ProadSync.FakeEws.Protocol;

/// <summary>Maps FieldURI values (<c>item:Subject</c>, <c>calendar:Start</c>, …) to the element names they address.</summary>
internal static class FieldPaths
{
    private static readonly HashSet<string> Prefixes = new(StringComparer.Ordinal) { "item", "calendar", "task", "contacts", "message", "folder", "distributionlist", "postitem", "meeting", "meetingRequest", "meetingResponse", "meetingCancellation", "conversation", "persona" };

    /// <exception cref="EwsFaultException">The URI is not a valid unindexed field URI.</exception>
    public static string ElementOf(string? fieldUri)
    {
        var colon = fieldUri?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (fieldUri is null || colon <= 0 || !Prefixes.Contains(fieldUri[..colon]) || fieldUri.IndexOf(':', colon + 1) >= 0)
        {
            throw EwsFaultException.Schema($"The value '{fieldUri}' is invalid according to its datatype 'UnindexedFieldURIType'.");
        }

        return fieldUri[(colon + 1)..];
    }

    /// <summary>Returns the dictionary element and, for addresses, the sub-element an indexed URI addresses.</summary>
    /// <exception cref="EwsFaultException">The URI is not a valid dictionary URI.</exception>
    public static (string Dictionary, string? Member) IndexedElementOf(string? fieldUri) => fieldUri switch
    {
        "contacts:EmailAddress" => ("EmailAddresses", null),
        "contacts:PhoneNumber" => ("PhoneNumbers", null),
        "contacts:ImAddress" => ("ImAddresses", null),
        "contacts:PhysicalAddress:Street" => ("PhysicalAddresses", "Street"),
        "contacts:PhysicalAddress:City" => ("PhysicalAddresses", "City"),
        "contacts:PhysicalAddress:State" => ("PhysicalAddresses", "State"),
        "contacts:PhysicalAddress:CountryOrRegion" => ("PhysicalAddresses", "CountryOrRegion"),
        "contacts:PhysicalAddress:PostalCode" => ("PhysicalAddresses", "PostalCode"),
        _ => throw EwsFaultException.Schema($"The value '{fieldUri}' is invalid according to its datatype 'DictionaryURIType'."),
    };
}
