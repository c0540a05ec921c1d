using System.Xml.Linq;

namespace ProadSync.FakeEws.Protocol;

/// <summary>A parsed ItemShape: the base shape, the body type and the additional properties.</summary>
internal sealed class ItemShape
{
    private static readonly HashSet<string> DefaultCommon = new(StringComparer.Ordinal)
    {
        "ItemId", "ParentFolderId", "ItemClass", "Subject", "Sensitivity", "Body", "Importance", "DateTimeCreated",
        "HasAttachments", "ReminderIsSet", "LastModifiedTime",
    };

    private static readonly Dictionary<string, HashSet<string>> DefaultByKind = new(StringComparer.Ordinal)
    {
        ["CalendarItem"] = new(StringComparer.Ordinal)
        {
            "Start", "End", "IsAllDayEvent", "LegacyFreeBusyStatus", "Location", "CalendarItemType", "IsRecurring",
        },
        ["Task"] = new(StringComparer.Ordinal) { "DueDate", "StartDate", "Status", "PercentComplete", "IsComplete" },
        ["Contact"] = new(StringComparer.Ordinal)
        {
            "FileAs", "DisplayName", "GivenName", "Surname", "CompanyName", "JobTitle", "EmailAddresses", "PhysicalAddresses",
            "PhoneNumbers",
        },
    };

    public string BaseShape { get; private init; } = "Default";

    public string BodyType { get; private init; } = "Best";

    public HashSet<string> AdditionalFields { get; } = new(StringComparer.Ordinal);

    /// <summary>Indexed additional fields: dictionary element name → requested keys.</summary>
    public Dictionary<string, HashSet<string>> AdditionalIndexed { get; } = new(StringComparer.Ordinal);

    public HashSet<string> AdditionalExtended { get; } = new(StringComparer.Ordinal);

    public static ItemShape Parse(XElement? shape)
    {
        if (shape is null)
        {
            return new ItemShape { BaseShape = "IdOnly" };
        }

        var baseShape = shape.Element(EwsNames.T + "BaseShape")?.Value.Trim()
            ?? throw EwsFaultException.Schema("ItemShape requires BaseShape.");
        if (baseShape is not ("IdOnly" or "Default" or "AllProperties"))
        {
            throw EwsFaultException.Schema($"The value '{baseShape}' is invalid for BaseShape.");
        }

        var bodyType = shape.Element(EwsNames.T + "BodyType")?.Value.Trim() ?? "Best";
        if (bodyType is not ("Best" or "HTML" or "Text"))
        {
            throw EwsFaultException.Schema($"The value '{bodyType}' is invalid for BodyType.");
        }

        var result = new ItemShape { BaseShape = baseShape, BodyType = bodyType };
        foreach (var path in shape.Element(EwsNames.T + "AdditionalProperties")?.Elements() ?? [])
        {
            switch (path.Name.LocalName)
            {
                case "FieldURI":
                    result.AdditionalFields.Add(FieldPaths.ElementOf((string?)path.Attribute("FieldURI")));
                    break;
                case "IndexedFieldURI":
                    var (dictionary, _) = FieldPaths.IndexedElementOf((string?)path.Attribute("FieldURI"));
                    var key = (string?)path.Attribute("FieldIndex") ?? throw EwsFaultException.Schema("IndexedFieldURI needs FieldIndex.");
                    if (!result.AdditionalIndexed.TryGetValue(dictionary, out var keys))
                    {
                        result.AdditionalIndexed[dictionary] = keys = new HashSet<string>(StringComparer.Ordinal);
                    }

                    keys.Add(key);
                    break;
                case "ExtendedFieldURI":
                    result.AdditionalExtended.Add(ExtendedKey.Of(path));
                    break;
                default:
                    throw EwsFaultException.Schema($"The element '{path.Name.LocalName}' is not expected in AdditionalProperties.");
            }
        }

        return result;
    }

    /// <summary>Renders an item in this shape, its children in schema order.</summary>
    public XElement Render(FakeItem item, FakeMailbox mailbox)
    {
        var children = new List<XElement>
        {
            new(EwsNames.T + "ItemId", new XAttribute("Id", item.Id), new XAttribute("ChangeKey", item.ChangeKey)),
        };
        var folder = mailbox.FoldersById[item.FolderId];
        var defaults = DefaultByKind.TryGetValue(item.Kind, out var d) ? d : [];
        foreach (var (name, element) in item.Fields)
        {
            var wanted = BaseShape switch
            {
                "AllProperties" => true,
                "Default" => DefaultCommon.Contains(name) || defaults.Contains(name),
                _ => false,
            } || AdditionalFields.Contains(name);
            if (wanted)
            {
                children.Add(name == "Body" ? ConvertBody(element) : new XElement(element));
            }
            else if (AdditionalIndexed.TryGetValue(name, out var keys))
            {
                var filtered = new XElement(element.Name, element.Elements().Where(e => keys.Contains((string?)e.Attribute("Key") ?? string.Empty)).Select(e => new XElement(e)));
                if (filtered.HasElements)
                {
                    children.Add(filtered);
                }
            }
        }

        if (BaseShape != "IdOnly" || AdditionalFields.Contains("ParentFolderId"))
        {
            children.Add(new XElement(EwsNames.T + "ParentFolderId", new XAttribute("Id", folder.Id), new XAttribute("ChangeKey", "AQAAAA==")));
        }

        foreach (var (key, property) in item.ExtendedProperties)
        {
            if (AdditionalExtended.Contains(key))
            {
                children.Add(new XElement(property));
            }
        }

        var ordered = children.OrderBy(e => EwsSchema.PositionOf(item.Kind, e.Name.LocalName) is var p and >= 0 ? p : int.MaxValue).ToList();
        return new XElement(EwsNames.T + item.Kind, ordered);
    }

    private XElement ConvertBody(XElement body)
    {
        var stored = (string?)body.Attribute("BodyType") ?? "Text";
        var target = BodyType == "Best" ? stored : BodyType;
        if (string.Equals(stored, target, StringComparison.OrdinalIgnoreCase))
        {
            return new XElement(body);
        }

        var text = body.Value;
        var converted = target == "HTML"
            ? "<html><body>" + System.Net.WebUtility.HtmlEncode(text).Replace("\n", "<br>", StringComparison.Ordinal) + "</body></html>"
            : HtmlToText(text);
        return new XElement(EwsNames.T + "Body", new XAttribute("BodyType", target), new XAttribute("IsTruncated", "false"), converted);
    }

    private static string HtmlToText(string html)
    {
        var withBreaks = System.Text.RegularExpressions.Regex.Replace(html, "<br\\s*/?>|</p>|</div>", "\n", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        var stripped = System.Text.RegularExpressions.Regex.Replace(withBreaks, "<[^>]*>", string.Empty);
        return System.Net.WebUtility.HtmlDecode(stripped).Trim();
    }
}
