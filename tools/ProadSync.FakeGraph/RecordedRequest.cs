namespace ProadSync.FakeGraph;

/// <summary>One request the fake received, for assertions in tests.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="PathAndQuery">The path and query as received.</param>
/// <param name="Prefer">The <c>Prefer</c> header values joined with ", ", or <see langword="null"/>.</param>
/// <param name="IfMatch">The <c>If-Match</c> header, or <see langword="null"/>.</param>
/// <param name="StatusCode">The status the fake answered with.</param>
public sealed record RecordedRequest(string Method, string PathAndQuery, string? Prefer, string? IfMatch, int StatusCode);
