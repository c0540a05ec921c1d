namespace ProadSync.Plugin.Graph;

/// <summary>Adds <c>Prefer: IdType="ImmutableId"</c> to every Graph request, so item ids survive moves within the mailbox.</summary>
internal sealed class GraphRequestHeadersHandler : DelegatingHandler
{
    public const string ImmutableIdPreference = "IdType=\"ImmutableId\"";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Headers.TryGetValues("Prefer", out var values) || !values.Any(v => v.Contains("IdType=", StringComparison.OrdinalIgnoreCase)))
        {
            request.Headers.TryAddWithoutValidation("Prefer", ImmutableIdPreference);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
