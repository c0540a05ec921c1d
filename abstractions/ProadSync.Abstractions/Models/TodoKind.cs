namespace ProadSync.Abstractions.Models;

/// <summary>The two kinds of to-do the leading system knows.</summary>
public enum TodoKind
{
    /// <summary>An appointment (Termin): an iCalendar VEVENT, an Exchange calendar item.</summary>
    Appointment = 0,

    /// <summary>A task (Aufgabe): an iCalendar VTODO, an Exchange task, a Microsoft To Do task.</summary>
    Task = 1,
}
