using ProadSync.Core.Leading;

namespace ProadSync.Hosting.Accounts;

/// <summary>An account as <c>accounts show</c> and the "My account" page present it — never with the password.</summary>
public sealed record AccountView(
    string Database,
    string Login,
    bool Enabled,
    string Plugin,
    string? ContactPlugin,
    string? Profile,
    string? Url,
    string? Username,
    string Mode,
    bool ExportContacts,
    DateOnly? Cutoff,
    int ConsecutiveFailures,
    string? LastError,
    DateTimeOffset? LastRunAt,
    string? DisabledReason,
    DateTimeOffset? BoundAt,
    bool HasPassword)
{
    /// <summary>Builds the view of an account.</summary>
    /// <param name="database">The database.</param>
    /// <param name="login">The user's login.</param>
    /// <param name="a">The account.</param>
    /// <returns>The view.</returns>
    public static AccountView Of(string database, string login, SyncAccount a) => new(
        database,
        login,
        a.Enabled,
        a.PluginId,
        a.ContactPluginId,
        a.Profile,
        a.Url,
        a.UserName,
        ModeName(a.Mode),
        a.ExportContacts,
        a.Cutoff,
        a.ConsecutiveFailures,
        a.LastError,
        a.LastRunAt,
        a.DisabledReason,
        a.BoundAt,
        a.ProtectedSecret is not null);

    /// <summary>The mode's name as the command line spells it.</summary>
    /// <param name="mode">The mode.</param>
    /// <returns><c>export</c>, <c>one-way</c>, <c>two-way</c> or <c>full</c>.</returns>
    public static string ModeName(SyncMode mode) => mode switch
    {
        SyncMode.Export => "export",
        SyncMode.OneWay => "one-way",
        SyncMode.TwoWay => "two-way",
        _ => "full",
    };
}
