namespace ProadSync.Plugin.Graph.Mapping;

/// <summary>The markers ProadSync puts on the items it writes.</summary>
internal static class GraphTags
{
    /// <summary>
    /// The named MAPI property (PS_PUBLIC_STRINGS, name <c>ProadSyncId</c>) holding our identity on events and
    /// contacts; the same property EWS writes, so a mailbox can move between the plugins without re-tagging.
    /// </summary>
    public const string IdentityProperty = "String {00020329-0000-0000-C000-000000000046} Name ProadSyncId";

    /// <summary>
    /// The named MAPI property holding <see cref="Abstractions.Models.CalendarItem.SourceTag"/> (the leading
    /// system's tag, which may differ from the identity used for adoption). Written empty to clear it.
    /// </summary>
    public const string SourceTagProperty = "String {00020329-0000-0000-C000-000000000046} Name ProadSyncTag";

    /// <summary>The application name of the To Do linked resource whose <c>externalId</c> is the source tag.</summary>
    public const string SourceTagApplication = "ProadSync.SourceTag";

    /// <summary>PidTagBusinessFaxNumber: contacts have no first-class fax property in Graph.</summary>
    public const string FaxProperty = "String 0x3A24";

    /// <summary>The application name of the To Do linked resource whose <c>externalId</c> is our identity.</summary>
    public const string LinkedResourceApplication = "ProadSync";

    /// <summary>
    /// The category that keeps "cancelled" on a To Do task, which To Do does not know: the task is written as
    /// completed and carries this category (decision D-6).
    /// </summary>
    public const string CancelledCategory = "ProadSync: cancelled";
}
