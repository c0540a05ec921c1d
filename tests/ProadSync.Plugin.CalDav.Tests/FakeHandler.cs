using System.Net;

namespace ProadSync.Plugin.CalDav.Tests;

/// <summary>An HTTP handler that answers from a script and records the requests.</summary>
public sealed class FakeHandler : HttpMessageHandler
{
    private readonly Func<HttpRequestMessage, int, HttpResponseMessage> _answer;

    public FakeHandler(Func<HttpRequestMessage, int, HttpResponseMessage> answer) => _answer = answer;

    public List<(string Method, string Uri, string? Authorization, string? Body)> Requests { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var auth = request.Headers.TryGetValues("Authorization", out var a) ? a.Single() : null;
        Requests.Add((request.Method.Method, request.RequestUri!.PathAndQuery, auth, body));
        return _answer(request, Requests.Count);
    }

    public static HttpResponseMessage Status(HttpStatusCode code, string body = "", string contentType = "application/xml") =>
        new(code) { Content = new StringContent(body, System.Text.Encoding.UTF8, contentType) };
}
