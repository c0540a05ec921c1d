using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace ProadSync.FakeEws.Protocol;

/// <summary>CreateItem, GetItem, UpdateItem, DeleteItem and the checks they share.</summary>
internal sealed partial class EwsHandler
{
    private static readonly HashSet<string> MeetingSendValues = new(StringComparer.Ordinal) { "SendToNone", "SendOnlyToAll", "SendToAllAndSaveCopy" };

    private List<XElement> CreateItem(OperationContext context, XElement operation)
    {
        var invitations = OptionalEnum(operation, "SendMeetingInvitations", MeetingSendValues);
        var disposition = OptionalEnum(operation, "MessageDisposition", ["SaveOnly", "SendOnly", "SendAndSaveCopy"]);
        _ = disposition;
        var items = operation.Element(EwsNames.M + "Items")?.Elements().ToList() ?? throw EwsFaultException.Schema("CreateItem requires Items.");
        var savedFolder = operation.Element(EwsNames.M + "SavedItemFolderId")?.Elements().FirstOrDefault();

        // Schema checks first: a schema violation fails the whole request, as in Exchange.
        foreach (var item in items)
        {
            if (item.Name.Namespace != EwsNames.T)
            {
                throw EwsFaultException.Schema($"The element '{item.Name.LocalName}' must be in the types namespace.");
            }

            if (EwsSchema.ItemKinds.Contains(item.Name.LocalName))
            {
                EwsSchema.CheckOrder(item.Name.LocalName, item.Elements().Select(e => e.Name.LocalName));
                foreach (var field in item.Elements())
                {
                    ValidateValue(field);
                }
            }
        }

        lock (context.Mailbox.Sync)
        {
            return items.Select(element => Message("CreateItem", context, () =>
            {
                var kind = element.Name.LocalName;
                if (!EwsSchema.ItemKinds.Contains(kind))
                {
                    throw new EwsItemException("ErrorInvalidItemForOperationCreateItem", $"This server does not create items of type {kind}.");
                }

                var folder = savedFolder is not null
                    ? ResolveFolder(context.Mailbox, savedFolder)
                    : context.Mailbox.FoldersByName[kind switch { "CalendarItem" => "calendar", "Task" => "tasks", _ => "contacts" }];
                if (folder.ItemKind != kind)
                {
                    throw kind switch
                    {
                        "CalendarItem" => new EwsItemException("ErrorCannotCreateCalendarItemInNonCalendarFolder", "Calendar items can only be created in a calendar folder."),
                        "Task" => new EwsItemException("ErrorCannotCreateTaskInNonTaskFolder", "Tasks can only be created in a task folder."),
                        _ => new EwsItemException("ErrorCannotCreateContactInNonContactFolder", "Contacts can only be created in a contact folder."),
                    };
                }

                if (kind == "CalendarItem")
                {
                    if (invitations is null)
                    {
                        throw new EwsItemException("ErrorSendMeetingInvitationsRequired",
                            "The SendMeetingInvitations attribute is required for calendar items.");
                    }

                    CountMeetingMessages(invitations, element);
                }

                var item = context.Mailbox.NewItem(kind, folder);
                foreach (var field in element.Elements())
                {
                    var name = field.Name.LocalName;
                    if (EwsSchema.ReadOnlyFields.Contains(name))
                    {
                        throw new EwsItemException("ErrorInvalidPropertySet", $"The property {name} is read-only and cannot be set.");
                    }

                    if (name == "ExtendedProperty")
                    {
                        var uri = field.Element(EwsNames.T + "ExtendedFieldURI") ?? throw EwsFaultException.Schema("ExtendedProperty requires ExtendedFieldURI.");
                        item.ExtendedProperties[ExtendedKey.Of(uri)] = new XElement(field);
                    }
                    else
                    {
                        item.Fields[name] = new XElement(field);
                    }
                }

                ApplyDefaults(item);
                NormalizeAndCheck(item, context.TimeZone);
                context.Mailbox.AddItem(folder, item);
                return [new XElement(EwsNames.M + "Items", new XElement(EwsNames.T + kind, ItemIdElement(item)))];
            })).ToList();
        }
    }

    private static List<XElement> GetItem(OperationContext context, XElement operation)
    {
        var shape = ItemShape.Parse(operation.Element(EwsNames.M + "ItemShape") ?? throw EwsFaultException.Schema("GetItem requires ItemShape."));
        var ids = operation.Element(EwsNames.M + "ItemIds")?.Elements().ToList() ?? throw EwsFaultException.Schema("GetItem requires ItemIds.");
        lock (context.Mailbox.Sync)
        {
            return ids.Select(id => Message("GetItem", context, () =>
            {
                var item = FindOrThrow(context.Mailbox, id);
                return [new XElement(EwsNames.M + "Items", shape.Render(item, context.Mailbox))];
            })).ToList();
        }
    }

    private List<XElement> DeleteItem(OperationContext context, XElement operation)
    {
        var deleteType = RequiredEnum(operation, "DeleteType", ["HardDelete", "SoftDelete", "MoveToDeletedItems"]);
        _ = deleteType;
        var cancellations = OptionalEnum(operation, "SendMeetingCancellations", MeetingSendValues);
        var occurrences = OptionalEnum(operation, "AffectedTaskOccurrences", ["AllOccurrences", "SpecifiedOccurrenceOnly"]);
        var ids = operation.Element(EwsNames.M + "ItemIds")?.Elements().ToList() ?? throw EwsFaultException.Schema("DeleteItem requires ItemIds.");
        lock (context.Mailbox.Sync)
        {
            return ids.Select(id => Message("DeleteItem", context, () =>
            {
                var item = FindOrThrow(context.Mailbox, id);
                if (item.Kind == "CalendarItem")
                {
                    if (cancellations is null)
                    {
                        throw new EwsItemException("ErrorSendMeetingCancellationsRequired", "The SendMeetingCancellations attribute is required for calendar items.");
                    }

                    CountMeetingMessages(cancellations, null);
                }

                if (item.Kind == "Task" && occurrences is null)
                {
                    throw new EwsItemException("ErrorAffectedTaskOccurrencesRequired", "The AffectedTaskOccurrences attribute is required for tasks.");
                }

                context.Mailbox.RemoveItem(item);
                return [];
            })).ToList();
        }
    }

    private static FakeItem FindOrThrow(FakeMailbox mailbox, XElement id)
    {
        if (id.Name != EwsNames.T + "ItemId")
        {
            throw EwsFaultException.Schema($"The element '{id.Name.LocalName}' is not supported here; use t:ItemId.");
        }

        var value = (string?)id.Attribute("Id") ?? throw EwsFaultException.Schema("ItemId requires the Id attribute.");
        if (!value.StartsWith("IAAMk", StringComparison.Ordinal))
        {
            throw new EwsItemException("ErrorInvalidIdMalformed", "Id is malformed.");
        }

        return mailbox.FindItem(value) ?? throw new EwsItemException("ErrorItemNotFound", "The specified object was not found in the store.");
    }

    private static XElement ItemIdElement(FakeItem item) =>
        new(EwsNames.T + "ItemId", new XAttribute("Id", item.Id), new XAttribute("ChangeKey", item.ChangeKey));

    private void CountMeetingMessages(string mode, XElement? item)
    {
        if (mode != "SendToNone" && (item is null || item.Element(EwsNames.T + "RequiredAttendees") is not null || item.Element(EwsNames.T + "OptionalAttendees") is not null))
        {
            _state.CountMeetingMessage();
        }
    }

    private static string? OptionalEnum(XElement operation, string attribute, IReadOnlyCollection<string> allowed)
    {
        var value = (string?)operation.Attribute(attribute);
        if (value is not null && !allowed.Contains(value))
        {
            throw EwsFaultException.Schema($"The '{attribute}' attribute is invalid - The value '{value}' is invalid according to its datatype.");
        }

        return value;
    }

    private static string RequiredEnum(XElement operation, string attribute, IReadOnlyCollection<string> allowed) =>
        OptionalEnum(operation, attribute, allowed)
        ?? throw EwsFaultException.Schema($"The required attribute '{attribute}' is missing.");

    private static void ValidateValue(XElement field)
    {
        var name = field.Name.LocalName;
        if (EwsSchema.Enums.TryGetValue(name, out var allowed) && !allowed.Contains(field.Value))
        {
            throw EwsFaultException.Schema($"The element '{name}' has an invalid value '{field.Value}' according to its datatype.");
        }

        if (EwsSchema.DateTimeFields.Contains(name) && !TryParseDateTime(field.Value, out _, out _))
        {
            throw EwsFaultException.Schema($"The '{name}' element is invalid - The value '{field.Value}' is invalid according to its datatype 'xs:dateTime'.");
        }

        if (EwsSchema.BooleanFields.Contains(name) && field.Value is not ("true" or "false" or "1" or "0"))
        {
            throw EwsFaultException.Schema($"The '{name}' element is invalid - The value '{field.Value}' is invalid according to its datatype 'xs:boolean'.");
        }

        if (name == "ReminderMinutesBeforeStart" && !int.TryParse(field.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            throw EwsFaultException.Schema($"The 'ReminderMinutesBeforeStart' element has an invalid value '{field.Value}'.");
        }

        if (name == "Body" && (string?)field.Attribute("BodyType") is not ("HTML" or "Text"))
        {
            throw EwsFaultException.Schema("The 'BodyType' attribute of Body is required and must be HTML or Text.");
        }

        if (name == "PhysicalAddresses")
        {
            foreach (var entry in field.Elements())
            {
                var order = entry.Elements().Select(e => Array.IndexOf(EwsSchema.PhysicalAddressSequence, e.Name.LocalName)).ToList();
                if (order.Any(i => i < 0) || order.Zip(order.Skip(1)).Any(p => p.First >= p.Second))
                {
                    throw EwsFaultException.Schema("The children of a PhysicalAddresses entry must be Street, City, State, CountryOrRegion, PostalCode in this order.");
                }
            }
        }
    }

    private static bool TryParseDateTime(string text, out DateTime value, out bool hasOffset)
    {
        text = text.Trim();
        hasOffset = OffsetPattern().IsMatch(text);
        if (hasOffset)
        {
            var ok = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dto);
            value = ok ? dto.UtcDateTime : default;
            return ok && text.Contains('T', StringComparison.Ordinal);
        }

        return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value) && text.Contains('T', StringComparison.Ordinal);
    }

    private static void ApplyDefaults(FakeItem item)
    {
        void Default(string name, string value)
        {
            if (!item.Fields.ContainsKey(name))
            {
                item.Fields[name] = new XElement(EwsNames.T + name, value);
            }
        }

        Default("Importance", "Normal");
        Default("Sensitivity", "Normal");
        switch (item.Kind)
        {
            case "CalendarItem":
                Default("IsAllDayEvent", "false");
                Default("LegacyFreeBusyStatus", "Busy");
                item.Fields["CalendarItemType"] = new XElement(EwsNames.T + "CalendarItemType", item.Fields.ContainsKey("Recurrence") ? "RecurringMaster" : "Single");
                item.Fields["IsRecurring"] = new XElement(EwsNames.T + "IsRecurring", item.Fields.ContainsKey("Recurrence") ? "true" : "false");
                break;
            case "Task":
                Default("Status", "NotStarted");
                Default("PercentComplete", "0");
                item.Fields["IsRecurring"] = new XElement(EwsNames.T + "IsRecurring", item.Fields.ContainsKey("Recurrence") ? "true" : "false");
                break;
            default:
                break;
        }
    }

    /// <summary>Brings date values to UTC, derives task completion and checks cross-field rules.</summary>
    private static void NormalizeAndCheck(FakeItem item, TimeZoneInfo? contextZone)
    {
        TimeZoneInfo? Zone(string element)
        {
            var id = (string?)(item.Fields.TryGetValue(element, out var e) ? e : null)?.Attribute("Id");
            if (id is null)
            {
                return null;
            }

            return TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)
                ? zone
                : throw new EwsItemException("ErrorTimeZone", $"The time zone '{id}' is not known.");
        }

        var startZone = Zone("StartTimeZone") ?? Zone("MeetingTimeZone") ?? contextZone;
        var endZone = Zone("EndTimeZone") ?? startZone;
        foreach (var name in EwsSchema.DateTimeFields)
        {
            if (!item.Fields.TryGetValue(name, out var field))
            {
                continue;
            }

            if (!TryParseDateTime(field.Value, out var value, out var hasOffset))
            {
                throw EwsFaultException.Schema($"The value '{field.Value}' of {name} is not an xs:dateTime.");
            }

            var zone = name == "End" ? endZone : startZone;
            var utc = hasOffset ? value : zone is null ? DateTime.SpecifyKind(value, DateTimeKind.Utc) : TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(value, DateTimeKind.Unspecified), zone);
            field.Value = utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }

        if (item.Kind == "CalendarItem" && item.Fields.TryGetValue("Start", out var start) && item.Fields.TryGetValue("End", out var end) &&
            string.CompareOrdinal(end.Value, start.Value) < 0)
        {
            throw new EwsItemException("ErrorCalendarEndDateIsEarlierThanStartDate", "EndDate is earlier than StartDate");
        }

        if (item.Kind == "Task")
        {
            var completed = item.Fields.TryGetValue("Status", out var status) && status.Value == "Completed";
            item.Fields["IsComplete"] = new XElement(EwsNames.T + "IsComplete", completed ? "true" : "false");
            if (completed)
            {
                item.Fields["PercentComplete"] = new XElement(EwsNames.T + "PercentComplete", "100");
            }
            else if (item.Fields.TryGetValue("PercentComplete", out var percent) && percent.Value == "100")
            {
                percent.Value = "0";
            }
        }

        if (item.Kind == "Contact" && !item.Fields.ContainsKey("DisplayName"))
        {
            var display = string.Join(' ', new[] { item.GetValue("GivenName"), item.GetValue("Surname") }.Where(s => !string.IsNullOrEmpty(s)));
            if (display.Length > 0)
            {
                item.Fields["DisplayName"] = new XElement(EwsNames.T + "DisplayName", display);
            }
        }
    }

    [GeneratedRegex("(Z|[+-][0-9]{2}:[0-9]{2})$")]
    private static partial Regex OffsetPattern();
}
