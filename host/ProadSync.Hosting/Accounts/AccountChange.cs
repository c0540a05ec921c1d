using ProadSync.Core.Leading;

namespace ProadSync.Hosting.Accounts;

/// <summary>What <c>accounts set</c> (or the "My account" page) asks to change; <see langword="null"/> leaves a field as it is.</summary>
public sealed record AccountChange
{
    /// <summary>The calendar plugin.</summary>
    public string? PluginId { get; init; }

    /// <summary>The contact plugin, when it differs from the calendar plugin (an empty text clears it).</summary>
    public string? ContactPluginId { get; init; }

    /// <summary>The plugin's profile.</summary>
    public string? Profile { get; init; }

    /// <summary>The server URL.</summary>
    public string? Url { get; init; }

    /// <summary>The login at the server.</summary>
    public string? UserName { get; init; }

    /// <summary>A new password (plain; encrypted before it is stored).</summary>
    public string? Password { get; init; }

    /// <summary>The mode.</summary>
    public SyncMode? Mode { get; init; }

    /// <summary>"Export contacts".</summary>
    public bool? ExportContacts { get; init; }

    /// <summary>"Enable synchronisation".</summary>
    public bool? Enabled { get; init; }

    /// <summary>The cutoff date; <see cref="ClearCutoff"/> removes it.</summary>
    public DateOnly? Cutoff { get; init; }

    /// <summary>Remove the cutoff date (back to run time − 12 months).</summary>
    public bool ClearCutoff { get; init; }

    /// <summary>Plugin options to set (an empty value removes one).</summary>
    public IReadOnlyDictionary<string, string>? Options { get; init; }
}
