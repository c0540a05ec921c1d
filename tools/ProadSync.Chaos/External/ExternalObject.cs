using ProadSync.Abstractions.Models;

namespace ProadSync.Chaos.External;

/// <summary>One object as another program sees it on the external side (read without ProadSync's own parser).</summary>
/// <param name="Id">The id the target uses (vdir: file name; CalDAV: canonical path).</param>
/// <param name="Kind">Appointment (VEVENT) or task (VTODO).</param>
/// <param name="Uid">The UID.</param>
/// <param name="Summary">The SUMMARY, unescaped.</param>
/// <param name="Tag">The X-PROAD-ID, if any.</param>
/// <param name="Start">DTSTART (events) or DUE (tasks), as written.</param>
/// <param name="Text">The whole object text.</param>
public sealed record ExternalObject(string Id, TodoKind Kind, string? Uid, string? Summary, string? Tag, string? Start, string Text);
