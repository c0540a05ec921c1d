using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ProadSync.Cli.Output;

/// <summary>Writes a command's result either as one JSON document (<c>--json</c>) or for a person.</summary>
internal sealed class CliOutput
{
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly TextWriter _writer;

    public CliOutput(TextWriter writer, bool json)
    {
        _writer = writer;
        IsJson = json;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        Console.Profile.Width = 160;
    }

    public bool IsJson { get; }

    public IAnsiConsole Console { get; }

    /// <summary>Writes <paramref name="value"/> as JSON when <c>--json</c> is set, else runs <paramref name="human"/>.</summary>
    public void Emit<T>(T value, Action<IAnsiConsole> human)
    {
        if (IsJson)
        {
            _writer.WriteLine(JsonSerializer.Serialize(value, JsonOptions));
        }
        else
        {
            human(Console);
        }
    }

    /// <summary>A plain line for a person (ignored in JSON mode, where only the document is written).</summary>
    public void Line(string text)
    {
        if (!IsJson)
        {
            _writer.WriteLine(text);
        }
    }

    public static Table Table(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(Markup.Escape(column)));
        }

        return table;
    }

    public static IRenderable[] Cells(params object?[] values) =>
        values.Select(v => (IRenderable)new Text(Format(v))).ToArray();

    public static string Format(object? value) => value switch
    {
        null => "",
        bool b => b ? "yes" : "no",
        DateTimeOffset d => d.ToString("yyyy-MM-dd HH:mm zzz", System.Globalization.CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        Enum e => JsonNamingPolicy.CamelCase.ConvertName(e.ToString()),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };
}
