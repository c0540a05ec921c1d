namespace ProadSync.Plugin.CalDav.Dav;

/// <summary>The outcome of a PUT, with the real status (the inner one when the server answered 207).</summary>
/// <param name="Status">The effective status.</param>
/// <param name="ETag">The ETag from the answer, if the server sent one.</param>
/// <param name="Response">The raw answer.</param>
internal sealed record DavPutResult(int Status, string? ETag, Http.DavResponse Response)
{
    /// <summary>Whether the write took effect.</summary>
    public bool Succeeded => Status is >= 200 and < 300;
}
