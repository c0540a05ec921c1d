using System.Collections.Frozen;

namespace ProadSync.FakeEws.Protocol;

/// <summary>
/// The parts of the EWS types.xsd the fake enforces: the xs:sequence order of item elements and the enumerations of
/// the fields clients send.
/// </summary>
internal static class EwsSchema
{
    /// <summary>ItemType's sequence (the base of every item).</summary>
    private static readonly string[] ItemSequence =
    [
        "MimeContent", "ItemId", "ParentFolderId", "ItemClass", "Subject", "Sensitivity", "Body", "Attachments",
        "DateTimeReceived", "Size", "Categories", "Importance", "InReplyTo", "IsSubmitted", "IsDraft", "IsFromMe",
        "IsResend", "IsUnmodified", "InternetMessageHeaders", "DateTimeSent", "DateTimeCreated", "ResponseObjects",
        "ReminderDueBy", "ReminderIsSet", "ReminderNextTime", "ReminderMinutesBeforeStart", "DisplayCc", "DisplayTo",
        "HasAttachments", "ExtendedProperty", "Culture", "EffectiveRights", "LastModifiedName", "LastModifiedTime",
        "IsAssociated", "WebClientReadFormQueryString", "WebClientEditFormQueryString", "ConversationId", "UniqueBody",
        "Flag", "StoreEntryId", "InstanceKey", "NormalizedBody", "EntityExtractionResult", "PolicyTag", "ArchiveTag",
        "RetentionDate", "Preview", "RightsManagementLicenseData", "PredictedActionReasons", "IsClutter", "BlockStatus",
        "HasBlockedImages", "TextBody", "IconIndex", "SearchKey", "SortKey", "Hashtags", "Mentions", "MentionedMe",
        "MentionsPreview", "MentionsEx", "AppliedHashtags", "AppliedHashtagsPreview", "Likes", "LikesPreview",
        "PendingSocialActivityTagIds", "AtAllMention", "CanDelete", "InferenceClassification",
    ];

    private static readonly string[] CalendarSequence =
    [
        "UID", "RecurrenceId", "DateTimeStamp", "Start", "End", "OriginalStart", "IsAllDayEvent", "LegacyFreeBusyStatus",
        "Location", "When", "IsMeeting", "IsCancelled", "IsRecurring", "MeetingRequestWasSent", "IsResponseRequested",
        "CalendarItemType", "MyResponseType", "Organizer", "RequiredAttendees", "OptionalAttendees", "Resources",
        "ConflictingMeetingCount", "AdjacentMeetingCount", "ConflictingMeetings", "AdjacentMeetings", "Duration",
        "TimeZone", "AppointmentReplyTime", "AppointmentSequenceNumber", "AppointmentState", "Recurrence",
        "FirstOccurrence", "LastOccurrence", "ModifiedOccurrences", "DeletedOccurrences", "MeetingTimeZone",
        "StartTimeZone", "EndTimeZone", "ConferenceType", "AllowNewTimeProposal", "IsOnlineMeeting",
        "MeetingWorkspaceUrl", "NetShowUrl", "EnhancedLocation", "StartWallClock", "EndWallClock", "StartTimeZoneId",
        "EndTimeZoneId", "IntendedFreeBusyStatus", "JoinOnlineMeetingUrl", "OnlineMeetingSettings", "IsOrganizer",
    ];

    private static readonly string[] TaskSequence =
    [
        "ActualWork", "AssignedTime", "BillingInformation", "ChangeCount", "Companies", "CompleteDate", "Contacts",
        "DelegationState", "Delegator", "DueDate", "IsAssignmentEditable", "IsComplete", "IsRecurring", "IsTeamTask",
        "Mileage", "Owner", "PercentComplete", "Recurrence", "StartDate", "Status", "StatusDescription", "TotalWork",
    ];

    private static readonly string[] ContactSequence =
    [
        "FileAs", "FileAsMapping", "DisplayName", "GivenName", "Initials", "MiddleName", "Nickname", "CompleteName",
        "CompanyName", "EmailAddresses", "AbchEmailAddresses", "PhysicalAddresses", "PhoneNumbers", "AssistantName",
        "Birthday", "BusinessHomePage", "Children", "Companies", "ContactSource", "Department", "Generation",
        "ImAddresses", "JobTitle", "Manager", "Mileage", "OfficeLocation", "PostalAddressIndex", "Profession",
        "SpouseName", "Surname", "WeddingAnniversary", "HasPicture", "PhoneticFullName", "PhoneticFirstName",
        "PhoneticLastName", "Alias", "Notes", "Photo", "UserSMIMECertificate", "MSExchangeCertificate", "DirectoryId",
        "ManagerMailbox", "DirectReports",
    ];

    /// <summary>The order of PhysicalAddressDictionaryEntryType's children.</summary>
    public static readonly string[] PhysicalAddressSequence = ["Street", "City", "State", "CountryOrRegion", "PostalCode"];

    private static readonly FrozenDictionary<string, FrozenDictionary<string, int>> Orders =
        new Dictionary<string, FrozenDictionary<string, int>>
        {
            ["CalendarItem"] = Index(ItemSequence, CalendarSequence),
            ["Task"] = Index(ItemSequence, TaskSequence),
            ["Contact"] = Index(ItemSequence, ContactSequence),
            ["Item"] = Index(ItemSequence, []),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Enumerations checked on write, by element name.</summary>
    public static readonly FrozenDictionary<string, FrozenSet<string>> Enums = new Dictionary<string, FrozenSet<string>>
    {
        ["Importance"] = Set("Low", "Normal", "High"),
        ["Sensitivity"] = Set("Normal", "Personal", "Private", "Confidential"),
        ["LegacyFreeBusyStatus"] = Set("Free", "Tentative", "Busy", "OOF", "WorkingElsewhere", "NoData"),
        ["Status"] = Set("NotStarted", "InProgress", "Completed", "WaitingOnOthers", "Deferred"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Element names whose content must be an xs:dateTime.</summary>
    public static readonly FrozenSet<string> DateTimeFields = Set("Start", "End", "DueDate", "StartDate", "ReminderDueBy", "CompleteDate");

    /// <summary>Element names whose content must be an xs:boolean.</summary>
    public static readonly FrozenSet<string> BooleanFields = Set("IsAllDayEvent", "ReminderIsSet", "IsComplete");

    /// <summary>Element names the server sets; a client may not write them.</summary>
    public static readonly FrozenSet<string> ReadOnlyFields = Set(
        "ItemId", "ParentFolderId", "DateTimeCreated", "LastModifiedTime", "CalendarItemType", "IsRecurring", "IsComplete",
        "HasAttachments", "Size", "DateTimeReceived", "ChangeCount");

    /// <summary>The item element names the fake stores.</summary>
    public static readonly FrozenSet<string> ItemKinds = Set("CalendarItem", "Task", "Contact");

    /// <summary>Returns the position of an element in the sequence of an item kind, or -1 when the fake does not know it.</summary>
    public static int PositionOf(string kind, string element) =>
        Orders.TryGetValue(kind, out var order) && order.TryGetValue(element, out var position) ? position : -1;

    /// <summary>Checks that the children of an item element follow the xs:sequence of its type.</summary>
    /// <exception cref="EwsFaultException">An element is out of order (ErrorSchemaValidation).</exception>
    public static void CheckOrder(string kind, IEnumerable<string> elementNames)
    {
        var last = -1;
        var lastName = string.Empty;
        foreach (var name in elementNames)
        {
            var position = PositionOf(kind, name);
            if (position < 0)
            {
                throw EwsFaultException.Schema($"The element '{name}' in namespace '{EwsNames.T.NamespaceName}' is not expected in '{kind}'.");
            }

            if (position < last || (position == last && name != "ExtendedProperty"))
            {
                throw EwsFaultException.Schema(
                    $"The element '{kind}' in namespace '{EwsNames.T.NamespaceName}' has invalid child element '{name}' after '{lastName}'.");
            }

            last = position;
            lastName = name;
        }
    }

    private static FrozenDictionary<string, int> Index(string[] head, string[] tail)
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        var i = 0;
        foreach (var name in head.Concat(tail))
        {
            map.TryAdd(name, i++);
        }

        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static FrozenSet<string> Set(params string[] values) => values.ToFrozenSet(StringComparer.Ordinal);
}
