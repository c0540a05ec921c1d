using ProadSync.Abstractions.Models;

namespace ProadSync.Formats.Internal;

/// <summary>Property names and the fixed value mappings of SPEC section 4 (R-NOTE-4).</summary>
internal static class IcsNames
{
    public const string ProductId = "-//ProadSync//ProadSync.Formats 1.0//EN";
    public const string ProadId = "X-PROAD-ID";
    public const string ProadStatus = "X-PROAD-STATUS";

    /// <summary>The zone an all-day item's dates are meant in (dates carry no TZID); written only by us.</summary>
    public const string ProadTimeZone = "X-PROAD-TZID";
    public const string BusyStatus = "X-MICROSOFT-CDO-BUSYSTATUS";
    public const string AltDescription = "X-ALT-DESC";

    /// <summary>PRIORITY: high 1, normal 5, low 9 (R-APT-2).</summary>
    public static int ToIcs(Priority priority) => priority switch
    {
        Priority.High => 1,
        Priority.Low => 9,
        _ => 5,
    };

    /// <summary>PRIORITY 1–4 high, 5 / 0 / absent normal, 6–9 low (R-APT-2).</summary>
    public static Priority PriorityFromIcs(int value) => value switch
    {
        >= 1 and <= 4 => Priority.High,
        >= 6 and <= 9 => Priority.Low,
        _ => Priority.Normal,
    };

    public static string BusyStatusOf(ShowAs showAs) => showAs switch
    {
        ShowAs.Free => "FREE",
        ShowAs.Tentative => "TENTATIVE",
        ShowAs.OutOfOffice => "OOF",
        _ => "BUSY",
    };

    public static ShowAs? ShowAsFromBusyStatus(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        "FREE" => ShowAs.Free,
        "TENTATIVE" => ShowAs.Tentative,
        "BUSY" => ShowAs.Busy,
        "OOF" => ShowAs.OutOfOffice,
        "WORKINGELSEWHERE" => ShowAs.Busy,
        _ => null,
    };

    /// <summary>The VTODO STATUS of a leading state (R-TSK-2, D-6).</summary>
    public static string StatusOf(TodoStatus status) => status switch
    {
        TodoStatus.Started => "IN-PROCESS",
        TodoStatus.Done => "COMPLETED",
        TodoStatus.Cancelled => "CANCELLED",
        _ => "NEEDS-ACTION",
    };

    /// <summary>The leading state a VTODO STATUS alone means.</summary>
    public static TodoStatus StatusFromIcs(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        "IN-PROCESS" => TodoStatus.Started,
        "COMPLETED" => TodoStatus.Done,
        "CANCELLED" => TodoStatus.Cancelled,
        _ => TodoStatus.New,
    };

    /// <summary>The X-PROAD-STATUS value of a leading state.</summary>
    public static string ProadStatusOf(TodoStatus status) => status switch
    {
        TodoStatus.Started => "STARTED",
        TodoStatus.Waiting => "WAITING",
        TodoStatus.Deferred => "DEFERRED",
        TodoStatus.Done => "DONE",
        TodoStatus.Cancelled => "CANCELLED",
        _ => "NEW",
    };

    public static TodoStatus? StatusFromProadStatus(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        "NEW" => TodoStatus.New,
        "STARTED" => TodoStatus.Started,
        "WAITING" => TodoStatus.Waiting,
        "DEFERRED" => TodoStatus.Deferred,
        "DONE" => TodoStatus.Done,
        "CANCELLED" => TodoStatus.Cancelled,
        _ => null,
    };
}
