using ProadSync.Abstractions.Models;

namespace ProadSync.Chaos.External;

/// <summary>A vdir folder edited directly, file by file (as khal or todoman would).</summary>
/// <param name="root">The account's folder (with <c>calendar/</c> and <c>tasks/</c> below).</param>
public sealed class VdirExternalSide(string root) : IExternalSide
{
    /// <inheritdoc />
    public (string PluginId, string Url, IReadOnlyDictionary<string, string> Options) AccountSettings => ("vdir", root, new Dictionary<string, string>());

    private string Folder(TodoKind kind) => Path.Combine(root, kind == TodoKind.Task ? "tasks" : "calendar");

    /// <inheritdoc />
    public async Task<IReadOnlyList<ExternalObject>> ListAsync(CancellationToken cancellationToken)
    {
        var result = new List<ExternalObject>();
        foreach (var kind in new[] { TodoKind.Appointment, TodoKind.Task })
        {
            var folder = Folder(kind);
            if (!Directory.Exists(folder))
            {
                continue;
            }

            foreach (var path in Directory.EnumerateFiles(folder, "*.ics").Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(path);
                if (name.StartsWith('.'))
                {
                    continue;
                }

                string text;
                try
                {
                    text = await File.ReadAllTextAsync(path, cancellationToken);
                }
                catch (FileNotFoundException)
                {
                    continue;
                }

                result.Add(IcsText.Parse(name, text) ?? new ExternalObject(name, kind, null, null, null, null, text));
            }
        }

        return result;
    }

    /// <inheritdoc />
    public async Task CreateAsync(TodoKind kind, string uid, string text, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder(kind));
        await File.WriteAllTextAsync(Path.Combine(Folder(kind), uid + ".ics"), text, cancellationToken);
    }

    /// <inheritdoc />
    public Task EditAsync(ExternalObject item, string text, CancellationToken cancellationToken) =>
        File.WriteAllTextAsync(Path.Combine(Folder(item.Kind), item.Id), text, cancellationToken);

    /// <inheritdoc />
    public Task DeleteAsync(ExternalObject item, CancellationToken cancellationToken)
    {
        File.Delete(Path.Combine(Folder(item.Kind), item.Id));
        return Task.CompletedTask;
    }
}
