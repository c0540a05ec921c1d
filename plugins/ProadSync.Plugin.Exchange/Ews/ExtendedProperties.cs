namespace ProadSync.Plugin.Exchange.Ews;

/// <summary>
/// Our named MAPI properties in the PublicStrings set (GUID 00020329-0000-0000-C000-000000000046), so Microsoft
/// Graph can read the same values as <c>String {00020329-0000-0000-C000-000000000046} Name ProadSyncId</c>.
/// </summary>
internal static class ExtendedProperties
{
    public const string PropertySet = "PublicStrings";

    /// <summary>The identity of the leading item the external item was created for.</summary>
    public const string Identity = "ProadSyncId";

    /// <summary>
    /// The leading system's tag the content carries (<see cref="Abstractions.Models.CalendarItem.SourceTag"/>); content
    /// like any other field, unlike <see cref="Identity"/>, which is written once at create time.
    /// </summary>
    public const string SourceTag = "ProadSyncSourceTag";

    /// <summary>The exact leading task status, so cancelled/waiting/deferred survive a round trip (D-6).</summary>
    public const string TaskStatus = "ProadSyncTaskStatus";

    /// <summary>The location of a task: EWS tasks have no location field.</summary>
    public const string TaskLocation = "ProadSyncLocation";

    public static readonly string[] All = [Identity, SourceTag, TaskStatus, TaskLocation];
}
