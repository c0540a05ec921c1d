namespace ProadSync.Plugin.Exchange.Tests;

/// <summary>
/// The xs:sequence order of the item types in the EWS types.xsd (the part our requests use), written down
/// independently of the connector so a wrong order in the connector is caught here.
/// </summary>
internal static class XsdOrder
{
    private static readonly string[] Item =
    [
        "MimeContent", "ItemId", "ParentFolderId", "ItemClass", "Subject", "Sensitivity", "Body", "Attachments",
        "DateTimeReceived", "Size", "Categories", "Importance", "InReplyTo", "IsSubmitted", "IsDraft", "IsFromMe",
        "IsResend", "IsUnmodified", "InternetMessageHeaders", "DateTimeSent", "DateTimeCreated", "ResponseObjects",
        "ReminderDueBy", "ReminderIsSet", "ReminderNextTime", "ReminderMinutesBeforeStart", "DisplayCc", "DisplayTo",
        "HasAttachments", "ExtendedProperty",
    ];

    private static readonly string[] Calendar =
    [
        "UID", "RecurrenceId", "DateTimeStamp", "Start", "End", "OriginalStart", "IsAllDayEvent", "LegacyFreeBusyStatus",
        "Location", "When", "IsMeeting", "IsCancelled", "IsRecurring", "MeetingRequestWasSent", "IsResponseRequested",
        "CalendarItemType", "MyResponseType", "Organizer", "RequiredAttendees", "OptionalAttendees", "Resources",
        "ConflictingMeetingCount", "AdjacentMeetingCount", "ConflictingMeetings", "AdjacentMeetings", "Duration",
        "TimeZone", "AppointmentReplyTime", "AppointmentSequenceNumber", "AppointmentState", "Recurrence",
        "FirstOccurrence", "LastOccurrence", "ModifiedOccurrences", "DeletedOccurrences", "MeetingTimeZone",
        "StartTimeZone", "EndTimeZone",
    ];

    private static readonly string[] Task =
    [
        "ActualWork", "AssignedTime", "BillingInformation", "ChangeCount", "Companies", "CompleteDate", "Contacts",
        "DelegationState", "Delegator", "DueDate", "IsAssignmentEditable", "IsComplete", "IsRecurring", "IsTeamTask",
        "Mileage", "Owner", "PercentComplete", "Recurrence", "StartDate", "Status", "StatusDescription", "TotalWork",
    ];

    private static readonly string[] Contact =
    [
        "FileAs", "FileAsMapping", "DisplayName", "GivenName", "Initials", "MiddleName", "Nickname", "CompleteName",
        "CompanyName", "EmailAddresses", "AbchEmailAddresses", "PhysicalAddresses", "PhoneNumbers", "AssistantName",
        "Birthday", "BusinessHomePage", "Children", "Companies", "ContactSource", "Department", "Generation",
        "ImAddresses", "JobTitle", "Manager", "Mileage", "OfficeLocation", "PostalAddressIndex", "Profession",
        "SpouseName", "Surname",
    ];

    public static int Position(string kind, string element)
    {
        var sequence = Item.Concat(kind switch { "CalendarItem" => Calendar, "Task" => Task, _ => Contact }).ToList();
        return sequence.IndexOf(element);
    }
}
