namespace ProadSync.Plugin.Graph.Auth;

/// <summary>Gets an app-only access token for Microsoft Graph.</summary>
internal interface IGraphTokenSource : IDisposable
{
    /// <summary>Returns a valid access token, fetching a new one when the cached one is about to expire.</summary>
    Task<string> GetTokenAsync(CancellationToken cancellationToken);

    /// <summary>Forgets a cached token that Graph refused (401), so the next call fetches a new one.</summary>
    void Invalidate();
}
