using System.Text;
using ProadSync.Abstractions.Models;

namespace ProadSync.Plugin.Privacy;

/// <summary>
/// Fills the placeholders of a configured subject text: <c>{number}</c> (job number), <c>{job}</c> (job name),
/// <c>{responsible}</c> (responsible user) and <c>{kind}</c> (<c>appointment</c>/<c>task</c>). A placeholder without a
/// value becomes empty; unknown placeholders stay as written; <c>{{</c> and <c>}}</c> write literal braces.
/// </summary>
internal static class SubjectPlaceholders
{
    public static string Fill(string pattern, LeadingTodo todo)
    {
        var output = new StringBuilder(pattern.Length + 16);
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if ((c == '{' || c == '}') && i + 1 < pattern.Length && pattern[i + 1] == c)
            {
                output.Append(c);
                i++;
                continue;
            }

            var close = c == '{' ? pattern.IndexOf('}', i + 1) : -1;
            if (close < 0)
            {
                output.Append(c);
                continue;
            }

            var name = pattern[(i + 1)..close];
            string? value = name.ToUpperInvariant() switch
            {
                "NUMBER" => todo.ProjectNumber ?? string.Empty,
                "JOB" => todo.ProjectName ?? string.Empty,
                "RESPONSIBLE" => todo.ResponsibleName ?? string.Empty,
                "KIND" => todo.Content.Kind == TodoKind.Task ? "task" : "appointment",
                _ => null,
            };
            if (value is null)
            {
                output.Append(c);
                continue;
            }

            output.Append(value);
            i = close;
        }

        // "Job {number}" without a number must not leave "Job " behind.
        return string.Join(' ', output.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
