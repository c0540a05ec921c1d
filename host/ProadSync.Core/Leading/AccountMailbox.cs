namespace ProadSync.Core.Leading;

/// <summary>
/// The plugin option that picks the mailbox behind an account's login (the <c>exchange</c> plugin's Exchange
/// impersonation: one service account, one mailbox per user). It is part of the external account: it binds like the
/// user name (R-ACC-5), and accounts that share a service account but act on different mailboxes are different
/// external accounts (R-ACC-6). The account rules and the store's own R-ACC-6 check both compare it here.
/// </summary>
public static class AccountMailbox
{
    /// <summary>The option's name.</summary>
    public const string Option = "impersonate";

    /// <summary>The mailbox an account's options name, trimmed, or empty when they name none.</summary>
    /// <param name="options">The account's plugin options.</param>
    /// <returns>The mailbox address or <see cref="string.Empty"/>.</returns>
    public static string Of(IReadOnlyDictionary<string, string>? options) =>
        options?.FirstOrDefault(p => string.Equals(p.Key, Option, StringComparison.OrdinalIgnoreCase)).Value?.Trim() ?? string.Empty;

    /// <summary>Whether two sets of options name the same mailbox (ignoring case), or both none.</summary>
    /// <param name="a">One account's options.</param>
    /// <param name="b">The other's.</param>
    /// <returns><see langword="true"/> when the mailboxes are the same.</returns>
    public static bool Same(IReadOnlyDictionary<string, string>? a, IReadOnlyDictionary<string, string>? b) =>
        string.Equals(Of(a), Of(b), StringComparison.OrdinalIgnoreCase);
}
