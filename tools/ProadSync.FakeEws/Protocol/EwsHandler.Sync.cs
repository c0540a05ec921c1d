using System.Globalization;
using System.Xml.Linq;

namespace ProadSync.FakeEws.Protocol;

/// <summary>SyncFolderItems over the folder's change log, and FindItem with paging and restrictions.</summary>
internal sealed partial class EwsHandler
{
    private List<XElement> SyncFolderItems(OperationContext context, XElement operation)
    {
        var shape = ItemShape.Parse(operation.Element(EwsNames.M + "ItemShape") ?? throw EwsFaultException.Schema("SyncFolderItems requires ItemShape."));
        var folderElement = operation.Element(EwsNames.M + "SyncFolderId")?.Elements().FirstOrDefault()
            ?? throw EwsFaultException.Schema("SyncFolderItems requires SyncFolderId.");
        var stateText = operation.Element(EwsNames.M + "SyncState")?.Value;
        var ignore = new HashSet<string>(
            operation.Element(EwsNames.M + "Ignore")?.Elements(EwsNames.T + "ItemId").Select(e => (string?)e.Attribute("Id") ?? string.Empty) ?? [],
            StringComparer.Ordinal);
        var maxText = operation.Element(EwsNames.M + "MaxChangesReturned")?.Value
            ?? throw EwsFaultException.Schema("The element 'SyncFolderItems' has incomplete content. List of possible elements expected: 'MaxChangesReturned'.");
        if (!int.TryParse(maxText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var max) || max < 1 || max > 512)
        {
            throw EwsFaultException.Schema($"The 'MaxChangesReturned' element is invalid - The value '{maxText}' is invalid according to its datatype 'MaxSyncChangesReturnedType' - The MinInclusive constraint failed or the MaxInclusive constraint failed (1 to 512).");
        }

        lock (context.Mailbox.Sync)
        {
            return
            [
                Message("SyncFolderItems", context, () =>
                {
                    var folder = ResolveFolder(context.Mailbox, folderElement);
                    var (baseSeq, mark) = string.IsNullOrWhiteSpace(stateText) ? (0L, 0L) : SyncStateCodec.Decode(_state, folder.Id, stateText);
                    return SyncPage(context.Mailbox, folder, shape, baseSeq, mark, max, ignore);
                }, () => [new XElement(EwsNames.M + "SyncState"), new XElement(EwsNames.M + "IncludesLastItemInRange", "true")]),
            ];
        }
    }

    private List<XElement> SyncPage(FakeMailbox mailbox, FakeFolder folder, ItemShape shape, long baseSeq, long mark, int max, HashSet<string> ignore)
    {
        // Net change per item since the mark, in the order of each item's latest change.
        var createdAt = new Dictionary<string, long>(StringComparer.Ordinal);
        var seenUpToMark = new HashSet<string>(StringComparer.Ordinal);
        var last = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var entry in folder.Log)
        {
            if (entry.Kind == ChangeKind.Create)
            {
                createdAt[entry.ItemId] = entry.Sequence;
            }

            if (entry.Sequence > baseSeq && entry.Sequence <= mark)
            {
                seenUpToMark.Add(entry.ItemId);
            }

            if (entry.Sequence > mark)
            {
                last[entry.ItemId] = entry.Sequence;
            }
        }

        var changes = new List<XElement>();
        var newMark = mark;
        var complete = true;
        foreach (var (itemId, sequence) in last.OrderBy(p => p.Value))
        {
            var createdAfterBase = createdAt.TryGetValue(itemId, out var created) && created > baseSeq;
            XElement? change;
            if (!folder.Items.TryGetValue(itemId, out var item))
            {
                // Created and deleted while the client was not looking: nothing to report.
                change = createdAfterBase && !seenUpToMark.Contains(itemId)
                    ? null
                    : new XElement(EwsNames.T + "Delete", new XElement(EwsNames.T + "ItemId", new XAttribute("Id", itemId)));
            }
            else
            {
                change = new XElement(EwsNames.T + (createdAfterBase ? "Create" : "Update"), shape.Render(item, mailbox));
            }

            if (change is not null && !ignore.Contains(itemId))
            {
                if (changes.Count == max)
                {
                    complete = false;
                    break;
                }

                changes.Add(change);
            }

            newMark = sequence;
        }

        if (complete)
        {
            newMark = Math.Max(newMark, folder.Log.Count > 0 ? folder.Log[^1].Sequence : mark);
        }

        var nextBase = complete ? newMark : baseSeq;
        return
        [
            new XElement(EwsNames.M + "SyncState", SyncStateCodec.Encode(_state, folder.Id, nextBase, newMark)),
            new XElement(EwsNames.M + "IncludesLastItemInRange", complete ? "true" : "false"),
            new XElement(EwsNames.M + "Changes", changes),
        ];
    }

    private static List<XElement> FindItem(OperationContext context, XElement operation)
    {
        _ = RequiredEnum(operation, "Traversal", ["Shallow", "SoftDeleted", "Associated"]);
        var shape = ItemShape.Parse(operation.Element(EwsNames.M + "ItemShape") ?? throw EwsFaultException.Schema("FindItem requires ItemShape."));
        var view = operation.Element(EwsNames.M + "IndexedPageItemView");
        var maxEntries = int.MaxValue;
        var offset = 0;
        var fromEnd = false;
        if (view is not null)
        {
            if (!int.TryParse((string?)view.Attribute("Offset"), NumberStyles.Integer, CultureInfo.InvariantCulture, out offset) || offset < 0)
            {
                throw EwsFaultException.Schema("IndexedPageItemView requires a non-negative Offset.");
            }

            fromEnd = (string?)view.Attribute("BasePoint") switch
            {
                "Beginning" => false,
                "End" => true,
                _ => throw EwsFaultException.Schema("IndexedPageItemView requires BasePoint Beginning or End."),
            };
            var maxText = (string?)view.Attribute("MaxEntriesReturned");
            if (maxText is not null && (!int.TryParse(maxText, NumberStyles.Integer, CultureInfo.InvariantCulture, out maxEntries) || maxEntries < 1))
            {
                throw EwsFaultException.Schema("MaxEntriesReturned must be a positive integer.");
            }
        }

        var restriction = operation.Element(EwsNames.M + "Restriction")?.Elements().FirstOrDefault();
        var parents = operation.Element(EwsNames.M + "ParentFolderIds")?.Elements().ToList() ?? throw EwsFaultException.Schema("FindItem requires ParentFolderIds.");
        lock (context.Mailbox.Sync)
        {
            return parents.Select(p => Message("FindItem", context, () =>
            {
                var folder = ResolveFolder(context.Mailbox, p);
                var matching = folder.Items.Values.Where(i => restriction is null || Matches(i, restriction)).ToList();
                if (fromEnd)
                {
                    matching.Reverse();
                }

                var page = matching.Skip(offset).Take(maxEntries).ToList();
                var next = offset + page.Count;
                return
                [
                    new XElement(EwsNames.M + "RootFolder",
                        new XAttribute("IndexedPagingOffset", next.ToString(CultureInfo.InvariantCulture)),
                        new XAttribute("TotalItemsInView", matching.Count.ToString(CultureInfo.InvariantCulture)),
                        new XAttribute("IncludesLastItemInRange", next >= matching.Count ? "true" : "false"),
                        new XElement(EwsNames.T + "Items", page.Select(i => shape.Render(i, context.Mailbox)))),
                ];
            })).ToList();
        }
    }

    private static bool Matches(FakeItem item, XElement restriction)
    {
        switch (restriction.Name.LocalName)
        {
            case "And":
                return restriction.Elements().All(r => Matches(item, r));
            case "Or":
                return restriction.Elements().Any(r => Matches(item, r));
            case "Not":
                return !Matches(item, restriction.Elements().Single());
            case "Exists":
                return ValueOf(item, restriction.Elements().Single()) is not null;
            case "IsEqualTo":
            case "IsNotEqualTo":
            case "Contains":
                var path = restriction.Elements().First();
                var constant = restriction.Element(EwsNames.T + "FieldURIOrConstant")?.Element(EwsNames.T + "Constant")
                    ?? restriction.Element(EwsNames.T + "Constant")
                    ?? throw EwsFaultException.Schema($"{restriction.Name.LocalName} requires a constant to compare with.");
                var expected = (string?)constant.Attribute("Value") ?? string.Empty;
                var actual = ValueOf(item, path);
                return restriction.Name.LocalName switch
                {
                    "IsEqualTo" => actual == expected,
                    "IsNotEqualTo" => actual != expected,
                    _ => actual is not null && actual.Contains(expected, StringComparison.OrdinalIgnoreCase),
                };
            default:
                throw new EwsFaultException("ErrorUnsupportedQueryFilter", $"The restriction '{restriction.Name.LocalName}' is not supported by this server.");
        }
    }

    private static string? ValueOf(FakeItem item, XElement path) => path.Name.LocalName switch
    {
        "ExtendedFieldURI" => item.ExtendedProperties.TryGetValue(ExtendedKey.Of(path), out var e) ? e.Element(EwsNames.T + "Value")?.Value : null,
        "FieldURI" => item.GetValue(FieldPaths.ElementOf((string?)path.Attribute("FieldURI"))),
        _ => throw new EwsFaultException("ErrorUnsupportedPathForQuery", $"The property path '{path.Name.LocalName}' is not supported in restrictions."),
    };
}
