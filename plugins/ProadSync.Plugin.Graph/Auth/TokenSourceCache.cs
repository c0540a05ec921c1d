using System.Security.Cryptography;
using System.Text;

namespace ProadSync.Plugin.Graph.Auth;

/// <summary>
/// One token source per app registration (authority, tenant, client, credential), shared by all accounts of the
/// factory: every mailbox of a database uses the same app-only token instead of fetching one per run and user.
/// </summary>
internal sealed class TokenSourceCache(HttpMessageHandler transport, TimeProvider time) : IDisposable
{
    private readonly Dictionary<string, IGraphTokenSource> _sources = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Returns the shared source; a source that cannot be made (a bad certificate) is not cached.</summary>
    public IGraphTokenSource For(GraphAccount account)
    {
        var key = Key(account);
        lock (_lock)
        {
            if (!_sources.TryGetValue(key, out var source))
            {
                source = Create(account);
                _sources.Add(key, source);
            }

            return source;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var source in _sources.Values)
            {
                source.Dispose();
            }

            _sources.Clear();
        }
    }

    private IGraphTokenSource Create(GraphAccount account) => account.Authority is not null
        ? new ClientCredentialsTokenSource(new HttpClient(transport, disposeHandler: false), account, time)
        : new AzureIdentityTokenSource(account);

    private static string Key(GraphAccount account)
    {
        // The secret is part of the identity of the credential; only its hash is kept in the key.
        var secret = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(account.ClientSecret ?? string.Empty)));
        return string.Join('\n', account.Authority?.ToString() ?? "-", account.TenantId, account.ClientId, account.CertificatePath ?? "-", account.Scope, secret);
    }
}
