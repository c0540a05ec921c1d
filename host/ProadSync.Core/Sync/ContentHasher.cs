using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ProadSync.Abstractions.Models;
using ProadSync.Core.Text;

namespace ProadSync.Core.Sync;

/// <summary>
/// The normalised content hash a link keeps (vdirsyncer's rule: a change is a version change <em>and</em> a content
/// change). Reminders, identity tags and time-zone names are left out; descriptions are compared folded (SPEC R-NOTE-2, R-NOTE-3).
/// </summary>
internal static class ContentHasher
{
    public static CalendarItem ToPlain(CalendarItem item, IDescriptionConverter converter)
    {
        var description = item.DescriptionFormat == DescriptionFormat.Html
            ? converter.ToPlainText(item.Description ?? string.Empty)
            : DescriptionText.Normalize(item.Description);
        return item with { Description = description.Length == 0 ? null : description, DescriptionFormat = DescriptionFormat.PlainText };
    }

    public static string Hash(CalendarItem item, bool taskDatesAreDateOnly, IDescriptionConverter converter)
    {
        var plain = item.DescriptionFormat == DescriptionFormat.Html ? ToPlain(item, converter) : item;
        var dateOnly = taskDatesAreDateOnly && item.Kind == TodoKind.Task;
        var text = new StringBuilder();
        text.Append(item.Kind.ToString()).Append('\u001f')
            .Append(NormalizeSubject(plain.Subject)).Append('\u001f')
            .Append(Time(plain.Start, dateOnly)).Append('\u001f')
            .Append(Time(plain.End, dateOnly)).Append('\u001f')
            .Append(plain.IsAllDay ? '1' : '0').Append('\u001f')
            .Append(DescriptionText.Fold(plain.Description)).Append('\u001f')
            .Append((plain.Location ?? string.Empty).Trim()).Append('\u001f')
            .Append(plain.Priority.ToString()).Append('\u001f')
            .Append(item.Kind == TodoKind.Appointment ? plain.ShowAs.ToString() : plain.Status.ToString()).Append('\u001f')
            .Append(plain.IsPrivate ? '1' : '0')
            .Append(plain.IsRecurring ? '1' : '0');
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())), 0, 16);
    }

    public static string NormalizeSubject(string? subject) =>
        string.IsNullOrWhiteSpace(subject) ? "." : subject.Trim();

    private static string Time(DateTimeOffset? value, bool dateOnly) =>
        value is not { } v ? "-"
        : dateOnly ? v.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : v.UtcTicks.ToString(CultureInfo.InvariantCulture);
}
