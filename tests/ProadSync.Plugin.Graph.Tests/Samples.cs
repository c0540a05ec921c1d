using ProadSync.Abstractions.Models;

namespace ProadSync.Plugin.Graph.Tests;

internal static class Samples
{
    public static readonly DateRange Window = new(
        new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2027, 12, 31, 0, 0, 0, TimeSpan.Zero));

    public static CalendarItem Appointment(string subject = "Kick-off", int day = 1) => new()
    {
        Kind = TodoKind.Appointment,
        Subject = subject,
        Start = new DateTimeOffset(2026, 12, day, 10, 0, 0, TimeSpan.FromHours(1)),
        End = new DateTimeOffset(2026, 12, day, 11, 30, 0, TimeSpan.FromHours(1)),
        TimeZoneId = "Europe/Berlin",
        Description = "Agenda",
        Location = "Room 1",
        Priority = Priority.High,
        ShowAs = ShowAs.Tentative,
        SourceTag = "proad:appointment",
    };

    public static CalendarItem Task(string subject = "Call back", TodoStatus status = TodoStatus.Started) => new()
    {
        Kind = TodoKind.Task,
        Subject = subject,
        Start = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.FromHours(1)),
        End = new DateTimeOffset(2026, 12, 4, 0, 0, 0, TimeSpan.FromHours(1)),
        TimeZoneId = "Europe/Berlin",
        Description = "Ask about the offer",
        Priority = Priority.Low,
        Status = status,
        SourceTag = "proad:task",
    };
}
