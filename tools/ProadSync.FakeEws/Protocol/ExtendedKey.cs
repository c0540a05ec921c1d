using System.Globalization;
using System.Xml.Linq;

namespace ProadSync.FakeEws.Protocol;

/// <summary>Builds a canonical key for an ExtendedFieldURI so that equal MAPI properties compare equal.</summary>
internal static class ExtendedKey
{
    private const string PublicStringsGuid = "00020329-0000-0000-c000-000000000046";

    private static readonly Dictionary<string, string> DistinguishedSets = new(StringComparer.Ordinal)
    {
        ["PublicStrings"] = PublicStringsGuid,
        ["Common"] = "00062008-0000-0000-c000-000000000046",
        ["Appointment"] = "00062002-0000-0000-c000-000000000046",
        ["Task"] = "00062003-0000-0000-c000-000000000046",
        ["Address"] = "00062004-0000-0000-c000-000000000046",
        ["Meeting"] = "6ed8da90-450b-101b-98da-00aa003f1305",
        ["InternetHeaders"] = "00020386-0000-0000-c000-000000000046",
        ["CalendarAssistant"] = "11000e07-b51b-40d6-af21-caa85edab1d0",
        ["UnifiedMessaging"] = "4442858e-a9e3-4e80-b900-317a210cc15b",
        ["Sharing"] = "00062040-0000-0000-c000-000000000046",
    };

    public static string PublicString(string name) => $"{PublicStringsGuid}|name:{name}|String";

    /// <summary>Returns the key of an ExtendedFieldURI element.</summary>
    /// <exception cref="EwsFaultException">The URI is incomplete.</exception>
    public static string Of(XElement uri)
    {
        var type = (string?)uri.Attribute("PropertyType") ?? throw EwsFaultException.Schema("ExtendedFieldURI needs PropertyType.");
        var tag = (string?)uri.Attribute("PropertyTag");
        if (tag is not null)
        {
            var number = tag.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                ? int.Parse(tag.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)
                : int.Parse(tag, CultureInfo.InvariantCulture);
            return $"tag:{number}|{type}";
        }

        var set = (string?)uri.Attribute("DistinguishedPropertySetId");
        string guid;
        if (set is not null)
        {
            guid = DistinguishedSets.TryGetValue(set, out var g) ? g : throw EwsFaultException.Schema($"Unknown DistinguishedPropertySetId '{set}'.");
        }
        else
        {
            var raw = (string?)uri.Attribute("PropertySetId") ?? throw EwsFaultException.Schema("ExtendedFieldURI needs a property set or a tag.");
            guid = Guid.TryParse(raw, out var parsed) ? parsed.ToString("D") : throw EwsFaultException.Schema($"Invalid PropertySetId '{raw}'.");
        }

        var name = (string?)uri.Attribute("PropertyName");
        var id = (string?)uri.Attribute("PropertyId");
        var member = name is not null ? "name:" + name
            : id is not null ? "id:" + id
            : throw EwsFaultException.Schema("ExtendedFieldURI needs PropertyName or PropertyId.");
        return $"{guid}|{member}|{type}";
    }
}
