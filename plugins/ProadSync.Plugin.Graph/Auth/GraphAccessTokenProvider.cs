using Microsoft.Kiota.Abstractions.Authentication;

namespace ProadSync.Plugin.Graph.Auth;

/// <summary>Hands the token of an <see cref="IGraphTokenSource"/> to the Kiota pipeline, for the Graph host only.</summary>
internal sealed class GraphAccessTokenProvider(IGraphTokenSource source, Uri graphUrl) : IAccessTokenProvider
{
    public AllowedHostsValidator AllowedHostsValidator { get; } = new([graphUrl.Host]);

    public Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default) =>
        AllowedHostsValidator.IsUrlHostValid(uri) ? source.GetTokenAsync(cancellationToken) : Task.FromResult(string.Empty);
}
