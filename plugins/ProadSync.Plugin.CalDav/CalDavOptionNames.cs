namespace ProadSync.Plugin.CalDav;

/// <summary>The option keys an account can set in <c>TargetSettings.Options</c> (case-insensitive).</summary>
public static class CalDavOptionNames
{
    /// <summary>The events calendar URL (skips discovery for events).</summary>
    public const string CalendarUrl = "calendarUrl";

    /// <summary>The tasks calendar URL (defaults to the events calendar when that accepts VTODO).</summary>
    public const string TaskUrl = "taskUrl";

    /// <summary>The address book URL (skips discovery for contacts).</summary>
    public const string AddressBookUrl = "addressBookUrl";

    /// <summary>How many writes may run in parallel (default 4).</summary>
    public const string MaxParallelWrites = "maxParallelWrites";

    /// <summary>The timeout of one request in seconds (default 100).</summary>
    public const string TimeoutSeconds = "timeoutSeconds";

    /// <summary>The largest accepted response in bytes (default 64 MiB).</summary>
    public const string MaxResponseBytes = "maxResponseBytes";

    /// <summary>On servers that hide deletions behind an unknown sync-token (DAViCal): a full ETag listing every Nth run (default 12).</summary>
    public const string ReconcileEvery = "reconcileEvery";

    /// <summary>How many items one multiget REPORT asks for (default 100).</summary>
    public const string MultigetBatch = "multigetBatch";
}
