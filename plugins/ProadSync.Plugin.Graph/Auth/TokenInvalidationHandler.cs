using System.Net;

namespace ProadSync.Plugin.Graph.Auth;

/// <summary>Drops the cached token when Graph answers 401, so a revoked or rotated token heals on the next call.</summary>
internal sealed class TokenInvalidationHandler(IGraphTokenSource tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            tokens.Invalidate();
        }

        return response;
    }
}
