namespace ProadSync.Core.Text.Templates;

/// <summary>The limits every description template runs under; a template that exceeds one fails instead of hanging.</summary>
public sealed record DescriptionTemplateLimits
{
    /// <summary>The limits used when none are given.</summary>
    public static DescriptionTemplateLimits Default { get; } = new();

    /// <summary>Iterations of all nested loops of one render together, built-in functions included (Scriban <c>LoopLimit</c>; default 200,000).</summary>
    public int LoopLimit { get; init; } = 200_000;

    /// <summary>The depth of nested function calls (Scriban <c>RecursiveLimit</c>; default 64).</summary>
    public int RecursiveLimit { get; init; } = 64;

    /// <summary>The longest text a render may produce or convert (default 1,000,000 characters).</summary>
    public int MaxOutputLength { get; init; } = 1_000_000;

    /// <summary>The longest template file that is accepted (default 64 KiB).</summary>
    public int MaxTemplateLength { get; init; } = 64 * 1024;

    /// <summary>The longest HTML description that is parsed; a longer one is converted without the template (default 2,000,000 characters).</summary>
    public int MaxHtmlLength { get; init; } = 2_000_000;

    /// <summary>How long one render may run before it is cancelled (default 2 seconds).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);
}
