using System.Globalization;

namespace ProadSync.Core.Sync;

/// <summary>The stable identities and tags the engine writes to external items.</summary>
public static class SyncIdentity
{
    /// <summary>The identity of a to-do's external item: <c>proadsync-&lt;database&gt;-&lt;id&gt;</c>, with <c>-g&lt;n&gt;</c> for re-creates (decision D-4).</summary>
    /// <param name="databaseName">The leading database.</param>
    /// <param name="todoId">The to-do.</param>
    /// <param name="generation">0 for the first external item; higher after a private/series item was left behind.</param>
    /// <returns>The identity.</returns>
    public static string ForTodo(string databaseName, long todoId, int generation = 0) =>
        generation <= 0
            ? string.Create(CultureInfo.InvariantCulture, $"proadsync-{databaseName.ToLowerInvariant()}-{todoId}")
            : string.Create(CultureInfo.InvariantCulture, $"proadsync-{databaseName.ToLowerInvariant()}-{todoId}-g{generation}");

    /// <summary>The identity of an exported contact: <c>proadsync-&lt;database&gt;-c&lt;id&gt;</c>.</summary>
    /// <param name="databaseName">The leading database.</param>
    /// <param name="contactId">The contact.</param>
    /// <returns>The identity.</returns>
    public static string ForContact(string databaseName, long contactId) =>
        string.Create(CultureInfo.InvariantCulture, $"proadsync-{databaseName.ToLowerInvariant()}-c{contactId}");

    /// <summary>The tag a to-do's external item carries: <c>&lt;database&gt;:&lt;id&gt;</c>.</summary>
    /// <param name="databaseName">The leading database.</param>
    /// <param name="todoId">The to-do.</param>
    /// <returns>The tag.</returns>
    public static string TodoSourceTag(string databaseName, long todoId) =>
        string.Create(CultureInfo.InvariantCulture, $"{databaseName}:{todoId}");

    /// <summary>The tag an exported contact carries: <c>&lt;database&gt;:c&lt;id&gt;</c>.</summary>
    /// <param name="databaseName">The leading database.</param>
    /// <param name="contactId">The contact.</param>
    /// <returns>The tag.</returns>
    public static string ContactSourceTag(string databaseName, long contactId) =>
        string.Create(CultureInfo.InvariantCulture, $"{databaseName}:c{contactId}");
}
