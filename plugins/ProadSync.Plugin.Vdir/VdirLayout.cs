using ProadSync.Abstractions.Errors;
using ProadSync.Abstractions.Models;
using ProadSync.Abstractions.Targets;

namespace ProadSync.Plugin.Vdir;

/// <summary>Where a vdir account keeps its items: <c>&lt;root&gt;/calendar/</c> and <c>&lt;root&gt;/tasks/</c>.</summary>
/// <param name="Root">The root folder (an absolute path).</param>
/// <param name="CalendarFolder">The folder of appointments.</param>
/// <param name="TasksFolder">The folder of tasks.</param>
/// <param name="DefaultTimeZoneId">The zone floating times are read in, or <see langword="null"/> for UTC.</param>
internal sealed record VdirLayout(string Root, string CalendarFolder, string TasksFolder, string? DefaultTimeZoneId)
{
    public const string CalendarFolderKey = "calendarFolder";
    public const string TasksFolderKey = "tasksFolder";
    public const string DefaultTimeZoneKey = "defaultTimeZone";

    public string FolderOf(TodoKind kind) => kind == TodoKind.Task ? TasksFolder : CalendarFolder;

    public static VdirLayout From(TargetSettings settings)
    {
        if (string.IsNullOrWhiteSpace(settings.Url))
        {
            throw new TargetConfigurationException("The vdir account has no folder: enter the folder path as the server URL.");
        }

        string root;
        try
        {
            root = Uri.TryCreate(settings.Url, UriKind.Absolute, out var uri) && uri.IsFile
                ? uri.LocalPath
                : Path.GetFullPath(settings.Url.Trim());
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new TargetConfigurationException($"The vdir folder '{settings.Url}' is not a valid path.", ex);
        }

        var calendar = Sub(root, Option(settings, CalendarFolderKey) ?? "calendar");
        var tasks = Sub(root, Option(settings, TasksFolderKey) ?? "tasks");
        if (string.Equals(calendar, tasks, StringComparison.Ordinal))
        {
            throw new TargetConfigurationException("The vdir calendar and tasks folders must differ.");
        }

        return new VdirLayout(root, calendar, tasks, Option(settings, DefaultTimeZoneKey));
    }

    private static string Sub(string root, string name)
    {
        var full = Path.GetFullPath(Path.Combine(root, name));
        var rootWithSeparator = Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar;
        if (!full.StartsWith(rootWithSeparator, StringComparison.Ordinal))
        {
            throw new TargetConfigurationException($"The vdir collection folder '{name}' must lie inside '{root}'.");
        }

        return full;
    }

    private static string? Option(TargetSettings settings, string key)
    {
        foreach (var (k, v) in settings.Options)
        {
            if (string.Equals(k, key, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(v))
            {
                return v.Trim();
            }
        }

        return null;
    }
}
