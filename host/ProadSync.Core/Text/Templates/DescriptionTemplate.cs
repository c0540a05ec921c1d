using System.Reflection;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace ProadSync.Core.Text.Templates;

/// <summary>
/// One parsed Scriban template that renders descriptions, sandboxed: it sees only the model it is given, cannot load
/// other templates (no template loader, so no file system or network), fails on unknown members instead of guessing,
/// and runs under the loop, recursion, output and time limits of <see cref="DescriptionTemplateLimits"/>.
/// </summary>
/// <remarks>A template is immutable and thread-safe: every render gets its own context.</remarks>
public sealed class DescriptionTemplate
{
    private readonly Template _template;
    private readonly DescriptionTemplateLimits _limits;
    private readonly TimeProvider _timeProvider;

    private DescriptionTemplate(Template template, string name, DescriptionTemplateLimits limits, TimeProvider timeProvider)
    {
        _template = template;
        Name = name;
        _limits = limits;
        _timeProvider = timeProvider;
    }

    /// <summary>The file the template came from, or <c>built-in:&lt;name&gt;</c>.</summary>
    public string Name { get; }

    /// <summary>Parses a template.</summary>
    /// <param name="text">The template text.</param>
    /// <param name="name">The file name used in error messages.</param>
    /// <param name="limits">The limits; <see cref="DescriptionTemplateLimits.Default"/> when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock of the render time limit; the system clock when <see langword="null"/>.</param>
    /// <returns>The template.</returns>
    /// <exception cref="DescriptionTemplateException">The template does not parse or is too long; the message names file, line and column.</exception>
    public static DescriptionTemplate Parse(string text, string name, DescriptionTemplateLimits? limits = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        limits ??= DescriptionTemplateLimits.Default;
        if (text.Length > limits.MaxTemplateLength)
        {
            throw new DescriptionTemplateException(new TemplateProblem(name, 0, 0,
                $"The template is longer than {limits.MaxTemplateLength} characters."));
        }

        var template = Template.Parse(text, name);
        if (template.HasErrors)
        {
            var first = template.Messages.First(m => m.Type == ParserMessageType.Error);
            throw new DescriptionTemplateException(ProblemAt(name, first.Span, first.Message));
        }

        return new DescriptionTemplate(template, name, limits, timeProvider ?? TimeProvider.System);
    }

    /// <summary>Loads one of the built-in templates shipped in this assembly.</summary>
    /// <param name="fileName"><c>incoming.scriban</c> or <c>outgoing.scriban</c>.</param>
    /// <param name="limits">The limits.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <returns>The template.</returns>
    internal static DescriptionTemplate BuiltIn(string fileName, DescriptionTemplateLimits? limits = null, TimeProvider? timeProvider = null) =>
        Parse(BuiltInText(fileName), "built-in:" + fileName, limits, timeProvider);

    /// <summary>The text of a built-in template (what an admin copies to start an override).</summary>
    /// <param name="fileName"><c>incoming.scriban</c> or <c>outgoing.scriban</c>.</param>
    /// <returns>The template text.</returns>
    public static string BuiltInText(string fileName)
    {
        var resource = "ProadSync.Core.Text.Templates.BuiltIn." + fileName;
        using var stream = typeof(DescriptionTemplate).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The built-in template '{fileName}' is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Renders the template with a model.</summary>
    /// <param name="model">The only variables the template can see (besides Scriban's built-in functions).</param>
    /// <returns>The rendered text, unnormalised.</returns>
    /// <exception cref="DescriptionTemplateException">The template failed or exceeded a limit; the message names file, line and column.</exception>
    public string Render(ScriptObject model)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var timeout = new CancellationTokenSource(_limits.Timeout, _timeProvider);
        var context = new TemplateContext
        {
            TemplateLoader = null,
            EnableRelaxedMemberAccess = false,
            StrictVariables = true,
            LoopLimit = _limits.LoopLimit,
            LoopLimitQueryable = _limits.LoopLimit,
            RecursiveLimit = _limits.RecursiveLimit,
            LimitToString = _limits.MaxOutputLength,
            ObjectRecursionLimit = 32,
            CancellationToken = timeout.Token,
            NewLine = "\n",
        };
        context.PushGlobal(model);
        try
        {
            var output = _template.Render(context);
            if (output.Length > _limits.MaxOutputLength)
            {
                throw new DescriptionTemplateException(new TemplateProblem(Name, 0, 0,
                    $"The template produced more than {_limits.MaxOutputLength} characters."));
            }

            return output;
        }
        catch (ScriptRuntimeException ex) when (!timeout.IsCancellationRequested)
        {
            throw new DescriptionTemplateException(ProblemAt(Name, ex.Span, ex.OriginalMessage), ex);
        }
        catch (Exception ex) when (timeout.IsCancellationRequested && ex is ScriptRuntimeException or OperationCanceledException)
        {
            throw new DescriptionTemplateException(new TemplateProblem(Name, 0, 0,
                $"The template ran longer than {_limits.Timeout.TotalSeconds:0.###} seconds and was stopped."), ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new DescriptionTemplateException(new TemplateProblem(Name, 0, 0, ex.Message), ex);
        }
    }

    private static TemplateProblem ProblemAt(string name, SourceSpan span, string message) =>
        new(name, span.Start.Line + 1, span.Start.Column + 1, message.TrimEnd('.') + ".");
}
