using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ProadSync.Abstractions.Mapping;
using ProadSync.Abstractions.Models;
using Scriban.Runtime;

namespace ProadSync.Core.Text.Templates;

/// <summary>
/// Renders the description written to the external calendar from the leading to-do, and takes what it added off
/// again when the description comes back, so a round trip never makes a comment grow (SPEC R-NOTE-2).
/// </summary>
/// <remarks>The model is described in the built-in <c>outgoing.scriban</c>. A failing admin template is logged and the built-in one is used.</remarks>
public sealed class OutgoingDescriptionTemplate
{
    private const string Marker = "\u0001proadsync-description\u0001";

    private static readonly Lazy<OutgoingDescriptionTemplate> BuiltInInstance = new(() => new OutgoingDescriptionTemplate(null));

    private readonly DescriptionTemplate _builtIn;
    private readonly DescriptionTemplate? _custom;
    private readonly ILogger _logger;

    /// <summary>Creates the renderer.</summary>
    /// <param name="template">The admin's outgoing template, or <see langword="null"/> for the built-in one.</param>
    /// <param name="limits">The limits of the built-in template.</param>
    /// <param name="logger">Where render failures are reported.</param>
    /// <param name="timeProvider">The clock of the render time limit.</param>
    public OutgoingDescriptionTemplate(DescriptionTemplate? template, DescriptionTemplateLimits? limits = null, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        _builtIn = DescriptionTemplate.BuiltIn(DescriptionTemplates.OutgoingFileName, limits, timeProvider);
        _custom = template;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The renderer with the built-in template (the comment as it is; a job footer with the option <c>footer=job</c>).</summary>
    public static OutgoingDescriptionTemplate BuiltIn => BuiltInInstance.Value;

    /// <summary>The template in use.</summary>
    public string TemplateName => (_custom ?? _builtIn).Name;

    /// <summary>Renders the external description of a to-do.</summary>
    /// <param name="todo">The leading to-do.</param>
    /// <param name="context">The mapping context (database, mapper options).</param>
    /// <returns>The normalised description, or <see langword="null"/> when it is empty.</returns>
    public string? Render(LeadingTodo todo, FieldMappingContext context)
    {
        ArgumentNullException.ThrowIfNull(todo);
        ArgumentNullException.ThrowIfNull(context);
        var text = DescriptionText.Normalize(RenderRaw(todo, context, todo.Content.Description ?? string.Empty));
        return text.Length == 0 ? null : text;
    }

    /// <summary>
    /// The leading description an incoming external description stands for: what the template added around the
    /// comment is taken off; a description that still says what the template made of <paramref name="current"/> keeps
    /// the current comment; anything else is taken as it is.
    /// </summary>
    /// <param name="external">The incoming description (plain text).</param>
    /// <param name="current">The leading to-do as it is, or <see langword="null"/> for an import.</param>
    /// <param name="context">The mapping context.</param>
    /// <returns>The description for the leading to-do.</returns>
    public string? ToLeading(string? external, LeadingTodo? current, FieldMappingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (current is null || string.IsNullOrEmpty(external))
        {
            return external;
        }

        if (DescriptionText.AreEquivalent(external, Render(current, context)))
        {
            return current.Content.Description;
        }

        var framed = RenderRaw(current, context, Marker).Replace("\r\n", "\n", StringComparison.Ordinal);
        var at = framed.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0 || framed.IndexOf(Marker, at + Marker.Length, StringComparison.Ordinal) >= 0)
        {
            return external;
        }

        var prefix = DescriptionText.Normalize(framed[..at] + "x");
        prefix = prefix[..^1];
        var suffix = DescriptionText.Normalize("x" + framed[(at + Marker.Length)..])[1..];
        var text = DescriptionText.Normalize(external);
        if (text.Length >= prefix.Length + suffix.Length
            && text.StartsWith(prefix, StringComparison.Ordinal) && text.EndsWith(suffix, StringComparison.Ordinal))
        {
            var inner = DescriptionText.Normalize(text[prefix.Length..^suffix.Length]);
            return inner.Length == 0 ? null : inner;
        }

        return external;
    }

    private string RenderRaw(LeadingTodo todo, FieldMappingContext context, string description)
    {
        if (_custom is not null)
        {
            try
            {
                return _custom.Render(Model(todo, context, description));
            }
            catch (DescriptionTemplateException ex)
            {
                Log.TemplateFailed(_logger, ex.Message);
            }
        }

        try
        {
            return _builtIn.Render(Model(todo, context, description));
        }
        catch (DescriptionTemplateException ex)
        {
            Log.TemplateFailed(_logger, ex.Message);
            return description;
        }
    }

    /// <summary>The model an outgoing template sees.</summary>
    internal static ScriptObject Model(LeadingTodo todo, FieldMappingContext context, string description)
    {
        var content = todo.Content;
        var options = new ScriptObject(StringComparer.OrdinalIgnoreCase);
        string footer = string.Empty;
        foreach (var (key, value) in context.Options)
        {
            options[key] = value ?? string.Empty;
            if (string.Equals(key, "footer", StringComparison.OrdinalIgnoreCase))
            {
                footer = (value ?? string.Empty).Trim().ToLowerInvariant();
            }
        }

        return new ScriptObject
        {
            ["description"] = description,
            ["subject"] = content.Subject,
            ["kind"] = content.Kind == TodoKind.Task ? "task" : "appointment",
            ["location"] = content.Location ?? string.Empty,
            ["start"] = Time(content.Start),
            ["end"] = Time(content.End),
            ["project"] = new ScriptObject
            {
                ["number"] = todo.ProjectNumber ?? string.Empty,
                ["name"] = todo.ProjectName ?? string.Empty,
            },
            ["responsible"] = todo.ResponsibleName ?? string.Empty,
            ["database"] = context.DatabaseName,
            ["footer"] = footer,
            ["options"] = options,
        };
    }

    private static string Time(DateTimeOffset? time) =>
        time is { } t ? t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : string.Empty;
}
