using System.Net;
using System.Text;

namespace ProadSync.Plugin.Exchange.Tests;

/// <summary>Answers every request with the next canned response and records the request bodies.</summary>
internal sealed class StubHandler : HttpMessageHandler
{
    private readonly Queue<Func<HttpResponseMessage>> _responses = new();

    public List<string> Requests { get; } = [];

    public StubHandler Respond(HttpStatusCode status, string body, string contentType = "text/xml")
    {
        _responses.Enqueue(() => new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, contentType) });
        return this;
    }

    public StubHandler RespondFixture(HttpStatusCode status, string fixture) =>
        Respond(status, File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", fixture)));

    public StubHandler Respond(Func<HttpResponseMessage> response)
    {
        _responses.Enqueue(response);
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add(request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken));
        var response = _responses.Dequeue()();
        response.RequestMessage = request;
        return response;
    }
}
