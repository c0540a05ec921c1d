using System.Globalization;
using System.Text;

namespace ProadSync.Formats;

/// <summary>The stable iCalendar UID of a leading to-do.</summary>
public static class IcsIdentity
{
    /// <summary>
    /// Builds the UID of the to-do <paramref name="todoId"/> of database <paramref name="databaseName"/>:
    /// <c>proadsync-&lt;database&gt;-&lt;id&gt;</c>, lower case, with every character outside <c>a-z 0-9 . _ -</c>
    /// replaced by <c>_</c>, so the UID is also a safe file name and URL path segment.
    /// </summary>
    /// <param name="databaseName">The leading-system database (tenant).</param>
    /// <param name="todoId">The to-do's id.</param>
    /// <returns>The UID; the same arguments always give the same UID.</returns>
    /// <exception cref="ArgumentException"><paramref name="databaseName"/> is empty.</exception>
    public static string For(string databaseName, long todoId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databaseName);
        var safe = new StringBuilder(databaseName.Length);
        foreach (var c in databaseName.Trim().ToLowerInvariant())
        {
            safe.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_' or '-' ? c : '_');
        }

        return string.Create(CultureInfo.InvariantCulture, $"proadsync-{safe}-{todoId}");
    }
}
