namespace ProadSync.Web.Pages;

/// <summary>A sentence shown above a page's content: what happened, or why something was refused.</summary>
/// <param name="Kind"><c>ok</c>, <c>error</c> or <c>info</c>.</param>
/// <param name="Text">The sentence.</param>
public sealed record PageMessage(string Kind, string Text)
{
    /// <summary>A success.</summary>
    /// <param name="text">The sentence.</param>
    /// <returns>The message.</returns>
    public static PageMessage Ok(string text) => new("ok", text);

    /// <summary>A refusal or failure.</summary>
    /// <param name="text">The sentence.</param>
    /// <returns>The message.</returns>
    public static PageMessage Error(string text) => new("error", text);
}
