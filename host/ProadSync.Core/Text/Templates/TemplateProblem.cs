using System.Globalization;

namespace ProadSync.Core.Text.Templates;

/// <summary>Why a template file was not used: the file, the place (1-based) and what is wrong.</summary>
/// <param name="File">The template file (or the built-in template's name).</param>
/// <param name="Line">The line, starting at 1; 0 when the problem is not at a place.</param>
/// <param name="Column">The column, starting at 1; 0 when the problem is not at a place.</param>
/// <param name="Message">What is wrong, in one sentence.</param>
public sealed record TemplateProblem(string File, int Line, int Column, string Message)
{
    /// <summary>The problem as one line, for example <c>templates/demo/incoming.scriban(3,7): …</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Line > 0
        ? string.Create(CultureInfo.InvariantCulture, $"{File}({Line},{Column}): {Message}")
        : $"{File}: {Message}";
}
