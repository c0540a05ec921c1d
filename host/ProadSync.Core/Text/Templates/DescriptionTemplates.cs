using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ProadSync.Core.Text.Templates;

/// <summary>
/// The description templates per database: the built-in ones, or an admin's override in
/// <c>&lt;templates root&gt;/&lt;database&gt;/incoming.scriban</c> and <c>outgoing.scriban</c> (the host passes
/// <c>&lt;home&gt;/templates</c>).
/// </summary>
/// <remarks>
/// <para>An override is validated when it is loaded: it must parse and render a sample. A broken one is reported as a
/// <see cref="TemplateProblem"/> naming file, line and column, logged as an error, and the built-in template is used
/// instead. Files are re-read when they change (their size or time stamp), so an admin's fix takes effect on the next
/// run without a restart.</para>
/// <para>Thread-safe.</para>
/// </remarks>
public sealed class DescriptionTemplates
{
    /// <summary>The file name of an incoming (HTML → text) template.</summary>
    public const string IncomingFileName = "incoming.scriban";

    /// <summary>The file name of an outgoing (to-do → external description) template.</summary>
    public const string OutgoingFileName = "outgoing.scriban";

    private const string SampleHtml =
        "<p class=MsoNormal>Hello <b>world</b><br>line<o:p></o:p></p><ul><li>one<ul><li>two</li></ul></li></ul>"
        + "<ol><li>first</li></ol><table><tr><td>a</td><td><a href='https://example.org/'>b</a></td></tr></table><pre>x</pre><h1>h</h1>";

    private readonly string? _root;
    private readonly DescriptionTemplateLimits _limits;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentDictionary<string, (string Stamp, DescriptionTemplateSet Set)> _cache = new(StringComparer.Ordinal);

    /// <summary>Creates the template store.</summary>
    /// <param name="templatesRoot">The folder that holds one folder per database, or <see langword="null"/> for built-in templates only.</param>
    /// <param name="limits">The limits every template runs under.</param>
    /// <param name="logger">Where rejected and failing templates are reported.</param>
    /// <param name="timeProvider">The clock of the render time limit.</param>
    public DescriptionTemplates(string? templatesRoot, DescriptionTemplateLimits? limits = null, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        _root = string.IsNullOrWhiteSpace(templatesRoot) ? null : Path.GetFullPath(templatesRoot);
        _limits = limits ?? DescriptionTemplateLimits.Default;
        _logger = logger ?? NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The templates of a database (cached; re-read when the files change).</summary>
    /// <param name="databaseName">The leading-system database.</param>
    /// <returns>The database's templates.</returns>
    public DescriptionTemplateSet ForDatabase(string databaseName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databaseName);
        var folder = FolderOf(databaseName);
        var incomingPath = folder is null ? null : Path.Combine(folder, IncomingFileName);
        var outgoingPath = folder is null ? null : Path.Combine(folder, OutgoingFileName);
        var stamp = Stamp(incomingPath) + "|" + Stamp(outgoingPath);
        if (_cache.TryGetValue(databaseName, out var cached) && cached.Stamp == stamp)
        {
            return cached.Set;
        }

        var problems = new List<TemplateProblem>();
        var incoming = Load(incomingPath, problems, t => t.Render(HtmlModel.Build(SampleHtml)));
        var outgoing = Load(outgoingPath, problems, t => t.Render(OutgoingDescriptionTemplate.Model(
            new Abstractions.Models.LeadingTodo(1, new Abstractions.Models.CalendarItem { Kind = Abstractions.Models.TodoKind.Appointment, Subject = "Sample", Description = "Text" })
            {
                ProjectNumber = "J-1",
                ProjectName = "Sample job",
            },
            new Abstractions.Mapping.FieldMappingContext(databaseName, "sample"),
            "Text")));
        var set = new DescriptionTemplateSet(
            incoming is null ? TemplateDescriptionConverter.BuiltIn : new TemplateDescriptionConverter(incoming, _limits, _logger, _timeProvider),
            outgoing is null ? OutgoingDescriptionTemplate.BuiltIn : new OutgoingDescriptionTemplate(outgoing, _limits, _logger, _timeProvider),
            problems.AsReadOnly());
        _cache[databaseName] = (stamp, set);
        return set;
    }

    private string? FolderOf(string databaseName)
    {
        if (_root is null || databaseName.IndexOfAny(['/', '\\', ':', '\0']) >= 0 || databaseName is "." or "..")
        {
            return null;
        }

        var exact = Path.Combine(_root, databaseName);
        if (Directory.Exists(exact))
        {
            return exact;
        }

        var lower = Path.Combine(_root, databaseName.ToLowerInvariant());
        return Directory.Exists(lower) ? lower : null;
    }

    private static string Stamp(string? path)
    {
        if (path is null)
        {
            return "-";
        }

        var info = new FileInfo(path);
        return info.Exists ? $"{info.Length}:{info.LastWriteTimeUtc.Ticks}" : "-";
    }

    private DescriptionTemplate? Load(string? path, List<TemplateProblem> problems, Action<DescriptionTemplate> trial)
    {
        if (path is null || !File.Exists(path))
        {
            return null;
        }

        try
        {
            var info = new FileInfo(path);
            if (info.Length > _limits.MaxTemplateLength * 4L)
            {
                throw new DescriptionTemplateException(new TemplateProblem(path, 0, 0, $"The template is larger than {_limits.MaxTemplateLength} characters."));
            }

            var template = DescriptionTemplate.Parse(File.ReadAllText(path), path, _limits, _timeProvider);
            trial(template);
            return template;
        }
        catch (DescriptionTemplateException ex)
        {
            var problem = ex.Problem ?? new TemplateProblem(path, 0, 0, ex.Message);
            problems.Add(problem);
            Log.TemplateRejected(_logger, problem.ToString());
            return null;
        }
        catch (IOException ex)
        {
            var problem = new TemplateProblem(path, 0, 0, "The template cannot be read: " + ex.Message);
            problems.Add(problem);
            Log.TemplateRejected(_logger, problem.ToString());
            return null;
        }
        catch (UnauthorizedAccessException ex)
        {
            var problem = new TemplateProblem(path, 0, 0, "The template cannot be read: " + ex.Message);
            problems.Add(problem);
            Log.TemplateRejected(_logger, problem.ToString());
            return null;
        }
    }
}
