using System.Net;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;
using ProadSync.Plugin.Graph.Auth;

namespace ProadSync.Plugin.Graph;

/// <summary>One account's Graph client: the SDK pipeline (retry capped, immutable ids) and the token source.</summary>
internal sealed class GraphConnection : IDisposable
{
    private readonly HttpClient _http;

    public GraphConnection(GraphAccount account, HttpMessageHandler transport, IGraphTokenSource tokens)
    {
        Account = account;
        Tokens = tokens;

        var handlers = GraphClientFactory.CreateDefaultHandlers();
        for (var i = 0; i < handlers.Count; i++)
        {
            if (handlers[i] is RetryHandler)
            {
                handlers[i] = new RetryHandler(new RetryHandlerOption
                {
                    MaxRetry = 3,
                    // The SDK waits as long as Retry-After says; a longer wait is the host's business (TransientTargetException).
                    ShouldRetry = (_, _, response) =>
                        response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout
                        && (response.Headers.RetryAfter?.Delta ?? TimeSpan.Zero) <= account.MaxRetryAfter,
                });
            }
        }

        handlers.Add(new GraphRequestHeadersHandler());
        handlers.Add(new TokenInvalidationHandler(tokens));
        _http = new HttpClient(GraphClientFactory.CreatePipeline(handlers, transport), disposeHandler: false);
        var auth = new BaseBearerTokenAuthenticationProvider(new GraphAccessTokenProvider(Tokens, account.GraphUrl));
        Client = new GraphServiceClient(_http, auth, account.GraphUrl.ToString().TrimEnd('/'));
    }

    public GraphAccount Account { get; }

    public IGraphTokenSource Tokens { get; }

    public GraphServiceClient Client { get; }

    public Microsoft.Graph.Users.Item.UserItemRequestBuilder Mailbox => Client.Users[Account.Mailbox];

    /// <summary>Disposes the HTTP client; the token source belongs to the factory's cache.</summary>
    public void Dispose() => _http.Dispose();
}
