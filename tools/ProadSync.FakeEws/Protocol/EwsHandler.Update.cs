using System.Xml.Linq;

namespace ProadSync.FakeEws.Protocol;

/// <summary>UpdateItem: ChangeKey and conflict rules, one property per change, dictionary and extended fields.</summary>
internal sealed partial class EwsHandler
{
    private List<XElement> UpdateItem(OperationContext context, XElement operation)
    {
        var conflict = RequiredEnum(operation, "ConflictResolution", ["NeverOverwrite", "AutoResolve", "AlwaysOverwrite"]);
        _ = OptionalEnum(operation, "MessageDisposition", ["SaveOnly", "SendOnly", "SendAndSaveCopy"]);
        var invitations = OptionalEnum(operation, "SendMeetingInvitationsOrCancellations",
            ["SendToNone", "SendOnlyToAll", "SendOnlyToChanged", "SendToAllAndSaveCopy", "SendToChangedAndSaveCopy"]);
        var changes = operation.Element(EwsNames.M + "ItemChanges")?.Elements(EwsNames.T + "ItemChange").ToList()
            ?? throw EwsFaultException.Schema("UpdateItem requires ItemChanges.");
        lock (context.Mailbox.Sync)
        {
            return changes.Select(change => Message("UpdateItem", context, () =>
            {
                var id = change.Element(EwsNames.T + "ItemId") ?? throw EwsFaultException.Schema("ItemChange requires ItemId.");
                var updates = change.Element(EwsNames.T + "Updates") ?? throw EwsFaultException.Schema("ItemChange requires Updates.");
                var item = FindOrThrow(context.Mailbox, id);
                var changeKey = (string?)id.Attribute("ChangeKey");
                if (string.IsNullOrEmpty(changeKey))
                {
                    throw new EwsItemException("ErrorChangeKeyRequiredForWriteOperations",
                        "When making a request that requires a change key, you must provide a current change key.");
                }

                if (item.Kind == "CalendarItem")
                {
                    if (invitations is null)
                    {
                        throw new EwsItemException("ErrorSendMeetingInvitationsOrCancellationsRequired",
                            "The SendMeetingInvitationsOrCancellations attribute is required for calendar items.");
                    }

                    CountMeetingMessages(invitations, null);
                }

                if (changeKey != item.ChangeKey && conflict == "NeverOverwrite")
                {
                    throw new EwsItemException("ErrorIrresolvableConflict",
                        "The send or update operation could not be performed because the change key passed in the request does not match the current change key for the item.");
                }

                var updated = item.CloneForUpdate();
                foreach (var update in updates.Elements())
                {
                    Apply(updated, update);
                }

                if (updated.Kind == "CalendarItem")
                {
                    var recurring = updated.Fields.ContainsKey("Recurrence");
                    if (recurring)
                    {
                        updated.Fields["CalendarItemType"] = new XElement(EwsNames.T + "CalendarItemType", "RecurringMaster");
                        updated.Fields["IsRecurring"] = new XElement(EwsNames.T + "IsRecurring", "true");
                    }
                }

                NormalizeAndCheck(updated, context.TimeZone);
                context.Mailbox.ReplaceItem(updated);
                return
                [
                    new XElement(EwsNames.M + "Items", new XElement(EwsNames.T + updated.Kind, ItemIdElement(updated))),
                    new XElement(EwsNames.M + "ConflictResults", new XElement(EwsNames.T + "Count", "0")),
                ];
            })).ToList();
        }
    }

    private static void Apply(FakeItem item, XElement update)
    {
        var verb = update.Name.LocalName;
        if (verb is not ("SetItemField" or "AppendToItemField" or "DeleteItemField"))
        {
            throw EwsFaultException.Schema($"The element '{verb}' is not expected in Updates.");
        }

        var children = update.Elements().ToList();
        var path = children.FirstOrDefault() ?? throw EwsFaultException.Schema($"{verb} requires a property path.");
        XElement? property = null;
        if (verb != "DeleteItemField")
        {
            if (children.Count != 2)
            {
                throw EwsFaultException.Schema($"{verb} requires a property path followed by one item element.");
            }

            var wrapper = children[1];
            if (wrapper.Name.LocalName != item.Kind && wrapper.Name.LocalName != "Item")
            {
                throw new EwsItemException("ErrorUpdatePropertyMismatch",
                    $"An object within a change description must match the item type: expected {item.Kind}, got {wrapper.Name.LocalName}.");
            }

            var properties = wrapper.Elements().ToList();
            if (properties.Count != 1)
            {
                throw new EwsItemException("ErrorIncorrectUpdatePropertyCount", "An object within a change description must contain one and only one property to modify.");
            }

            property = properties[0];
            ValidateValue(property);
        }
        else if (children.Count != 1)
        {
            throw EwsFaultException.Schema("DeleteItemField takes only the property path.");
        }

        switch (path.Name.LocalName)
        {
            case "FieldURI":
                ApplyField(item, verb, FieldPaths.ElementOf((string?)path.Attribute("FieldURI")), property);
                break;
            case "IndexedFieldURI":
                ApplyIndexed(item, verb, path, property);
                break;
            case "ExtendedFieldURI":
                var key = ExtendedKey.Of(path);
                if (verb == "DeleteItemField")
                {
                    item.ExtendedProperties.Remove(key);
                    break;
                }

                if (property!.Name.LocalName != "ExtendedProperty" ||
                    ExtendedKey.Of(property.Element(EwsNames.T + "ExtendedFieldURI") ?? throw EwsFaultException.Schema("ExtendedProperty requires ExtendedFieldURI.")) != key)
                {
                    throw new EwsItemException("ErrorUpdatePropertyMismatch", "The property in the item does not match the ExtendedFieldURI of the change.");
                }

                item.ExtendedProperties[key] = new XElement(property);
                break;
            default:
                throw EwsFaultException.Schema($"The element '{path.Name.LocalName}' is not a property path.");
        }
    }

    private static void ApplyField(FakeItem item, string verb, string name, XElement? property)
    {
        if (EwsSchema.ReadOnlyFields.Contains(name) || EwsSchema.PositionOf(item.Kind, name) < 0)
        {
            throw new EwsItemException(verb == "DeleteItemField" ? "ErrorInvalidPropertyDelete" : "ErrorInvalidPropertySet",
                $"The property '{name}' cannot be changed on a {item.Kind}.");
        }

        if (verb == "DeleteItemField")
        {
            item.Fields.Remove(name);
            return;
        }

        if (property!.Name.LocalName != name)
        {
            throw new EwsItemException("ErrorUpdatePropertyMismatch", $"The property '{property.Name.LocalName}' does not match the FieldURI '{name}'.");
        }

        if (verb == "AppendToItemField")
        {
            if (name != "Body")
            {
                throw new EwsItemException("ErrorInvalidPropertyAppend", $"The property '{name}' does not support appending.");
            }

            item.Fields[name] = item.Fields.TryGetValue(name, out var existing)
                ? new XElement(existing) { Value = existing.Value + property.Value }
                : new XElement(property);
            return;
        }

        item.Fields[name] = new XElement(property);
    }

    private static void ApplyIndexed(FakeItem item, string verb, XElement path, XElement? property)
    {
        var (dictionary, member) = FieldPaths.IndexedElementOf((string?)path.Attribute("FieldURI"));
        var index = (string?)path.Attribute("FieldIndex") ?? throw EwsFaultException.Schema("IndexedFieldURI requires FieldIndex.");
        if (item.Kind != "Contact")
        {
            throw new EwsItemException("ErrorInvalidPropertySet", $"The property '{dictionary}' exists only on contacts.");
        }

        item.Fields.TryGetValue(dictionary, out var stored);
        var entry = stored?.Elements().FirstOrDefault(e => (string?)e.Attribute("Key") == index);
        if (verb == "DeleteItemField")
        {
            if (member is null)
            {
                entry?.Remove();
            }
            else
            {
                entry?.Element(EwsNames.T + member)?.Remove();
                if (entry is not null && !entry.HasElements)
                {
                    entry.Remove();
                }
            }

            if (stored is not null && !stored.HasElements)
            {
                item.Fields.Remove(dictionary);
            }

            return;
        }

        if (verb == "AppendToItemField")
        {
            throw new EwsItemException("ErrorInvalidPropertyAppend", $"The property '{dictionary}' does not support appending.");
        }

        var entries = property!.Elements().ToList();
        if (property.Name.LocalName != dictionary || entries.Count != 1 || (string?)entries[0].Attribute("Key") != index)
        {
            throw new EwsItemException("ErrorIncorrectUpdatePropertyCount", "An object within a change description must contain one and only one property to modify.");
        }

        if (stored is null)
        {
            stored = new XElement(EwsNames.T + dictionary);
            item.Fields[dictionary] = stored;
        }

        if (member is null)
        {
            entry?.Remove();
            stored.Add(new XElement(entries[0]));
            return;
        }

        var parts = entries[0].Elements().ToList();
        if (parts.Count != 1 || parts[0].Name.LocalName != member)
        {
            throw new EwsItemException("ErrorIncorrectUpdatePropertyCount", "An object within a change description must contain one and only one property to modify.");
        }

        if (entry is null)
        {
            entry = new XElement(EwsNames.T + "Entry", new XAttribute("Key", index));
            stored.Add(entry);
        }

        entry.Element(EwsNames.T + member)?.Remove();
        var merged = entry.Elements().Append(new XElement(parts[0]))
            .OrderBy(e => Array.IndexOf(EwsSchema.PhysicalAddressSequence, e.Name.LocalName))
            .ToList();
        entry.ReplaceNodes(merged);
    }
}
