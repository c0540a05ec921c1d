using System.Text;
using ProadSync.Abstractions.Errors;
using ProadSync.Abstractions.Models;
using ProadSync.Abstractions.Targets;
using ProadSync.Formats;

namespace ProadSync.Plugin.Vdir;

/// <summary>
/// A vdir folder as a calendar target: one <c>&lt;uid&gt;.ics</c> per item; id = file name; version = SHA-256 of
/// the file's bytes. Writes go to a temp file in the same folder and are moved into place, so a reader (or a crash)
/// never sees half a file; updates and deletes re-hash the current file first.
/// </summary>
internal sealed class VdirCalendarTarget(VdirLayout layout, TimeProvider timeProvider, ITargetStateStore state) : ICalendarTarget
{
    private const string Extension = ".ics";
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    // Guards check-then-move within this process; other programs writing the same folder are caught by the re-hash.
    private readonly SemaphoreSlim _gate = new(1, 1);

    public TargetCapabilities Capabilities { get; } = new()
    {
        SupportsTasks = true,
        SupportsChangeCursor = false,
        TaskDatesAreDateOnly = false,
        MaxParallelWrites = 4,
    };

    public async Task<ChangeSet> GetChangesAsync(TodoKind kind, SyncCursor? cursor, DateRange window, CancellationToken cancellationToken)
    {
        // No change cursor: every call is a full listing, whatever cursor the host hands back.
        var folder = layout.FolderOf(kind);
        var items = new List<ExternalItemRef>();

        // The first use creates the folder (like MKCALENDAR). Once this account has seen it, a vanished folder is an
        // error, never an empty calendar: an unmounted drive must not read as "everything was deleted".
        var seen = await state.GetAsync(RootSeenKey, cancellationToken) is not null;
        if (!seen)
        {
            Io(layout.Root, () => Directory.CreateDirectory(layout.Root));
            await state.SetAsync(RootSeenKey, layout.Root, cancellationToken);
        }

        Io(folder, () =>
        {
            if (!Directory.Exists(layout.Root))
            {
                throw new TargetConfigurationException($"The vdir folder '{layout.Root}' has vanished since the last run (an unmounted drive?); nothing was changed. Restore it, or reset the account with 'proadsync accounts reset' to start afresh.");
            }

            if (!Directory.Exists(folder))
            {
                return;
            }

            foreach (var path in Directory.EnumerateFiles(folder))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var name = Path.GetFileName(path);
                if (!IsItemName(name))
                {
                    continue;
                }

                try
                {
                    using var stream = File.OpenRead(path);
                    items.Add(new ExternalItemRef(name, new ItemVersion(ContentHash.Of(stream))));
                }
                catch (FileNotFoundException)
                {
                    // Deleted between listing and reading: not there.
                }
            }
        });
        items.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return new ChangeSet(items, [], null, IsFullListing: true);
    }

    private const string RootSeenKey = "root-seen";

    public async Task<IReadOnlyList<FetchedItem>> GetAsync(TodoKind kind, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var result = new List<FetchedItem>(ids.Count);
        var options = new IcsReadOptions { DefaultTimeZoneId = layout.DefaultTimeZoneId };
        foreach (var id in ids)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!IsItemName(id))
            {
                continue;
            }

            var path = Path.Combine(layout.FolderOf(kind), id);
            byte[] bytes;
            try
            {
                if (new FileInfo(path) is { Exists: true, Length: var length } && length > options.MaxLength * 4L)
                {
                    string hash;
                    using (var stream = File.OpenRead(path))
                    {
                        hash = ContentHash.Of(stream);
                    }

                    result.Add(new FetchedItem(new ExternalItemRef(id, new ItemVersion(hash)), null, $"The file '{id}' is {length} bytes long, too large to be a calendar object."));
                    continue;
                }

                bytes = await File.ReadAllBytesAsync(path, cancellationToken);
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
            {
                continue;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw Wrap(path, ex);
            }

            var reference = new ExternalItemRef(id, new ItemVersion(ContentHash.Of(bytes)));
            try
            {
                var parsed = IcsReader.Read(IcsBytes.Decode(bytes, out var readAsWindows1252), options);
                result.Add(parsed.Item.Kind == kind
                    ? new FetchedItem(reference, parsed.Item) { Warning = readAsWindows1252 ? IcsBytes.NotUtf8Warning($"The file '{id}'") : null }
                    : new FetchedItem(reference, null, $"The file '{id}' holds {(parsed.Item.Kind == TodoKind.Task ? "a task (VTODO)" : "an appointment (VEVENT)")} in the {(kind == TodoKind.Task ? "tasks" : "calendar")} folder."));
            }
            catch (IcsFormatException ex)
            {
                result.Add(new FetchedItem(reference, null, $"The file '{id}' cannot be read: {ex.Message}"));
            }
        }

        return result;
    }

    public async Task<CreateResult> CreateAsync(TodoKind kind, string identity, CalendarItem item, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(identity);
        ArgumentNullException.ThrowIfNull(item);
        var name = FileNameOf(identity);
        var folder = layout.FolderOf(kind);
        var bytes = Encode(identity, kind, item);
        var path = Path.Combine(folder, name);

        await _gate.WaitAsync(cancellationToken);
        try
        {
            return Io(path, () =>
            {
                Directory.CreateDirectory(folder);
                if (File.Exists(path))
                {
                    return new CreateResult(new ExternalItemRef(name, new ItemVersion(ContentHash.Of(File.ReadAllBytes(path)))), Adopted: true);
                }

                var temp = WriteTemp(folder, name, bytes);
                try
                {
                    // Without overwrite the move fails when another writer created the file meanwhile: adopt it then.
                    File.Move(temp, path, overwrite: false);
                }
                catch (IOException) when (File.Exists(path))
                {
                    return new CreateResult(new ExternalItemRef(name, new ItemVersion(ContentHash.Of(File.ReadAllBytes(path)))), Adopted: true);
                }
                finally
                {
                    DeleteQuietly(temp);
                }

                return new CreateResult(new ExternalItemRef(name, new ItemVersion(ContentHash.Of(bytes))), Adopted: false);
            });
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<ExternalItemRef> UpdateAsync(TodoKind kind, ExternalItemRef item, CalendarItem content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(content);
        var folder = layout.FolderOf(kind);
        var path = PathOf(folder, item.Id);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return Io(path, () =>
            {
                var current = ReadGuarded(path, item);

                // Keep the object's UID: files created outside may carry a UID that differs from their name.
                var uid = UidOf(current) ?? item.Id[..^Extension.Length];
                var bytes = Encode(uid, kind, content);
                var temp = WriteTemp(folder, item.Id, bytes);
                try
                {
                    File.Move(temp, path, overwrite: true);
                }
                finally
                {
                    DeleteQuietly(temp);
                }

                return new ExternalItemRef(item.Id, new ItemVersion(ContentHash.Of(bytes)));
            });
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task DeleteAsync(TodoKind kind, ExternalItemRef item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var path = PathOf(layout.FolderOf(kind), item.Id);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            Io(path, () =>
            {
                ReadGuarded(path, item);
                File.Delete(path);
            });
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task<ConnectionTestReport> TestConnectionAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var steps = new List<ConnectionTestStep>();
        try
        {
            var existed = Directory.Exists(layout.Root);
            Directory.CreateDirectory(layout.Root);
            steps.Add(new ConnectionTestStep("folder", TestOutcome.Passed, existed
                ? $"The folder '{layout.Root}' exists."
                : $"The folder '{layout.Root}' was created."));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            steps.Add(new ConnectionTestStep("folder", TestOutcome.Failed, $"The folder '{layout.Root}' does not exist and cannot be created: {ex.Message}"));
            steps.Add(new ConnectionTestStep("writable", TestOutcome.Skipped, "Skipped because the folder is missing."));
            steps.Add(new ConnectionTestStep("collections", TestOutcome.Skipped, "Skipped because the folder is missing."));
            return Task.FromResult(new ConnectionTestReport(steps));
        }

        try
        {
            var probe = Path.Combine(layout.Root, $".proadsync-probe-{Guid.NewGuid():N}.tmp");
            File.WriteAllBytes(probe, [0x0A]);
            File.Delete(probe);
            steps.Add(new ConnectionTestStep("writable", TestOutcome.Passed, "Files can be written and deleted in the folder."));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            steps.Add(new ConnectionTestStep("writable", TestOutcome.Failed, $"The folder '{layout.Root}' is not writable: {ex.Message}"));
            steps.Add(new ConnectionTestStep("collections", TestOutcome.Skipped, "Skipped because the folder is not writable."));
            return Task.FromResult(new ConnectionTestReport(steps));
        }

        try
        {
            var calendarExisted = Directory.Exists(layout.CalendarFolder);
            var tasksExisted = Directory.Exists(layout.TasksFolder);
            Directory.CreateDirectory(layout.CalendarFolder);
            Directory.CreateDirectory(layout.TasksFolder);
            var count = Directory.EnumerateFiles(layout.CalendarFolder).Count(f => IsItemName(Path.GetFileName(f)))
                + Directory.EnumerateFiles(layout.TasksFolder).Count(f => IsItemName(Path.GetFileName(f)));
            steps.Add(new ConnectionTestStep("collections", TestOutcome.Passed,
                $"Appointments go to '{layout.CalendarFolder}'{(calendarExisted ? string.Empty : " (created)")} and tasks to '{layout.TasksFolder}'{(tasksExisted ? string.Empty : " (created)")}; {count} items found."));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            steps.Add(new ConnectionTestStep("collections", TestOutcome.Failed, $"The collection folders cannot be used: {ex.Message}"));
        }

        return Task.FromResult(new ConnectionTestReport(steps));
    }

    public ValueTask DisposeAsync()
    {
        _gate.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The file name for an identity: the identity itself when it is a safe name, else a hash of it.</summary>
    internal static string FileNameOf(string identity)
    {
        var safe = identity.Length <= 200
            && identity[0] != '.'
            && identity.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '.' or '_' or '-' or '@' or '+');
        return (safe ? identity : "h-" + ContentHash.Of(identity)[..40]) + Extension;
    }

    internal static bool IsItemName(string? name) =>
        !string.IsNullOrEmpty(name)
        && name.Length > Extension.Length
        && name[0] != '.'
        && name.EndsWith(Extension, StringComparison.OrdinalIgnoreCase)
        && name.IndexOfAny(['/', '\\', '\0']) < 0;

    private static string PathOf(string folder, string id) =>
        IsItemName(id) ? Path.Combine(folder, id) : throw new ItemNotFoundException(id);

    private static byte[] ReadGuarded(string path, ExternalItemRef item)
    {
        byte[] current;
        try
        {
            current = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ItemNotFoundException(item.Id, ex);
        }

        if (!string.Equals(ContentHash.Of(current), item.Version.Value, StringComparison.Ordinal))
        {
            throw new VersionConflictException(item.Id);
        }

        return current;
    }

    private static string? UidOf(byte[] current)
    {
        try
        {
            return IcsReader.Read(IcsBytes.Decode(current, out _)).Uid;
        }
        catch (IcsFormatException)
        {
            return null;
        }
    }

    private byte[] Encode(string uid, TodoKind kind, CalendarItem item)
    {
        try
        {
            return Utf8.GetBytes(IcsWriter.Write(uid, item with { Kind = kind }, timeProvider));
        }
        catch (IcsFormatException ex)
        {
            throw new ItemRejectedException($"The item '{uid}' cannot be written as iCalendar: {ex.Message}", ex);
        }
    }

    private static string WriteTemp(string folder, string name, byte[] bytes)
    {
        var temp = Path.Combine(folder, $".{name}.{Guid.NewGuid():N}.tmp");
        try
        {
            using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }
        catch
        {
            DeleteQuietly(temp);
            throw;
        }

        return temp;
    }

    private static void DeleteQuietly(string temp)
    {
        try
        {
            File.Delete(temp);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover temp file is ignored by listings (not an .ics name) and harmless.
        }
    }

    private static void Io(string path, Action action) => Io(path, () =>
    {
        action();
        return 0;
    });

    private static T Io<T>(string path, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new TargetConfigurationException($"ProadSync may not access '{path}': {ex.Message}", ex);
        }
        catch (IOException ex) when (ex is not FileNotFoundException)
        {
            throw Wrap(path, ex);
        }
    }

    private static TargetException Wrap(string path, Exception ex) => ex is UnauthorizedAccessException
        ? new TargetConfigurationException($"ProadSync may not access '{path}': {ex.Message}", ex)
        : new TransientTargetException($"The file '{path}' could not be accessed: {ex.Message}", innerException: ex);
}
