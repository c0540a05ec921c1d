using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ProadSync.Core.Text.Templates;

/// <summary>
/// The incoming converter the engine uses (SPEC R-NOTE-1, R-NOTE-2): the HTML is parsed into a small tree (see the
/// built-in <c>incoming.scriban</c> for its shape), an incoming template renders it, and the result is normalised:
/// <c>\n</c> line endings, no trailing spaces, runs of empty lines folded to one, no empty lines at either end.
/// </summary>
/// <remarks>
/// When an admin's template fails on a description it is logged and the built-in template renders that description;
/// when even that fails (a limit), <see cref="HtmlToText"/> does. A description is never lost.
/// </remarks>
public sealed class TemplateDescriptionConverter : IDescriptionConverter
{
    private static readonly Lazy<TemplateDescriptionConverter> BuiltInInstance = new(() => new TemplateDescriptionConverter(null));

    private readonly DescriptionTemplate _builtIn;
    private readonly DescriptionTemplate? _custom;
    private readonly DescriptionTemplateLimits _limits;
    private readonly ILogger _logger;

    /// <summary>Creates a converter.</summary>
    /// <param name="template">The admin's incoming template, or <see langword="null"/> for the built-in one.</param>
    /// <param name="limits">The limits of the built-in template; <see cref="DescriptionTemplateLimits.Default"/> when <see langword="null"/>.</param>
    /// <param name="logger">Where render failures of <paramref name="template"/> are reported.</param>
    /// <param name="timeProvider">The clock of the render time limit.</param>
    public TemplateDescriptionConverter(DescriptionTemplate? template, DescriptionTemplateLimits? limits = null, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        _limits = limits ?? DescriptionTemplateLimits.Default;
        _builtIn = DescriptionTemplate.BuiltIn(DescriptionTemplates.IncomingFileName, _limits, timeProvider);
        _custom = template;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The converter with the built-in template (the engine's default).</summary>
    public static TemplateDescriptionConverter BuiltIn => BuiltInInstance.Value;

    /// <summary>The template in use (the admin's, or the built-in one).</summary>
    public string TemplateName => (_custom ?? _builtIn).Name;

    /// <inheritdoc />
    public string ToPlainText(string html)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return string.Empty;
        }

        if (html.Length > _limits.MaxHtmlLength)
        {
            return HtmlToText.Instance.ToPlainText(html);
        }

        if (_custom is not null)
        {
            try
            {
                return Finish(_custom.Render(HtmlModel.Build(html)));
            }
            catch (DescriptionTemplateException ex)
            {
                Log.TemplateFailed(_logger, ex.Message);
            }
        }

        try
        {
            // A fresh model: the admin's template may have changed the one it was given.
            return Finish(_builtIn.Render(HtmlModel.Build(html)));
        }
        catch (DescriptionTemplateException ex)
        {
            Log.TemplateFailed(_logger, ex.Message);
            return HtmlToText.Instance.ToPlainText(html);
        }
    }

    /// <summary>
    /// The normal form of converted text: <c>\n</c> line endings, lines without trailing spaces, at most one empty
    /// line in a row and none at the ends — so converting, sending out and converting again never grows (SPEC R-NOTE-2).
    /// </summary>
    /// <param name="text">The rendered text.</param>
    /// <returns>The normalised text.</returns>
    internal static string Finish(string text)
    {
        var lines = DescriptionText.Normalize(text).Split('\n');
        var result = new List<string>(lines.Length);
        foreach (var line in lines)
        {
            if (line.Length == 0 && result.Count > 0 && result[^1].Length == 0)
            {
                continue;
            }

            result.Add(line);
        }

        return string.Join('\n', result).Trim('\n');
    }
}
