using System.Reflection;
using McMaster.NETCore.Plugins;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProadSync.Abstractions.Mapping;
using ProadSync.Abstractions.Plugins;
using ProadSync.Abstractions.Targets;

namespace ProadSync.PluginHost.Loading;

/// <summary>
/// Finds the plugin folders, reads each manifest before any code loads, and loads every accepted plugin into a load
/// context of its own that shares only the contract and the Microsoft.Extensions abstractions with the host.
/// </summary>
internal sealed class PluginCatalog : IPluginCatalog, IAsyncDisposable
{
    /// <summary>
    /// The types whose assemblies the host shares with every plugin: the contract, the dependency-injection and the
    /// logging abstractions. Everything else a plugin carries (and its dependencies) stays private to the plugin.
    /// </summary>
    private static readonly Type[] SharedTypes =
    [
        typeof(IPluginRegistrar),
        typeof(IServiceCollection),
        typeof(ILogger),
        typeof(ILoggerFactory),
    ];

    private readonly string[] _roots;
    private readonly HashSet<string> _disabled;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly IPluginLicensePolicy _licensePolicy;
    private readonly Lazy<Snapshot> _snapshot;
    private int _disposed;

    public PluginCatalog(PluginHostOptions options, ILoggerFactory loggerFactory, TimeProvider timeProvider, IPluginLicensePolicy licensePolicy)
    {
        _roots = [.. options.RootDirectories];
        _disabled = new HashSet<string>(options.DisabledPluginIds, StringComparer.Ordinal);
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger("ProadSync.PluginHost");
        _timeProvider = timeProvider;
        _licensePolicy = licensePolicy;
        _snapshot = new Lazy<Snapshot>(LoadAll, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public IReadOnlyList<PluginDescriptor> Plugins => Current.Plugins;

    private Snapshot Current
    {
        get
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            return _snapshot.Value;
        }
    }

    public ICalendarTargetFactory? FindCalendarTargetFactory(string pluginId) =>
        Current.Calendars.GetValueOrDefault(pluginId);

    public IContactTargetFactory? FindContactTargetFactory(string pluginId) =>
        Current.Contacts.GetValueOrDefault(pluginId);

    public IFieldMapper? FindFieldMapper(string mapperId) =>
        Current.Mappers.GetValueOrDefault(mapperId);

    public PluginState? StateFor(string pluginId, string? databaseName)
    {
        var snapshot = Current;
        var descriptor = snapshot.Owners.GetValueOrDefault(pluginId)
            ?? snapshot.FactoryOwners.GetValueOrDefault(pluginId)
            ?? snapshot.Plugins.FirstOrDefault(p => string.Equals(p.Id, pluginId, StringComparison.Ordinal));
        if (descriptor is null)
        {
            return null;
        }

        if (descriptor.State == PluginState.Active
            && descriptor.Manifest is { Interface: not null } manifest
            && !_licensePolicy.IsLicensed(manifest, databaseName))
        {
            return PluginState.Unlicensed;
        }

        return descriptor.State;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0 || !_snapshot.IsValueCreated)
        {
            return;
        }

        foreach (var loaded in _snapshot.Value.Loaded)
        {
            try
            {
                loaded.Provider.Dispose();
            }
            catch (Exception ex)
            {
                Log.DisposeFailed(_logger, ex, loaded.PluginId);
            }

            loaded.Loader.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0 || !_snapshot.IsValueCreated)
        {
            return;
        }

        foreach (var loaded in _snapshot.Value.Loaded)
        {
            try
            {
                await loaded.Provider.DisposeAsync();
            }
            catch (Exception ex)
            {
                Log.DisposeFailed(_logger, ex, loaded.PluginId);
            }

            loaded.Loader.Dispose();
        }
    }

    private Snapshot LoadAll()
    {
        var snapshot = new Snapshot();
        foreach (var configuredRoot in _roots)
        {
            var root = Path.GetFullPath(configuredRoot);
            if (!Directory.Exists(root))
            {
                Log.RootMissing(_logger, root);
                continue;
            }

            string[] directories;
            try
            {
                directories = Directory.GetDirectories(root);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Log.RootMissing(_logger, root);
                continue;
            }

            Array.Sort(directories, StringComparer.Ordinal);
            foreach (var directory in directories)
            {
                snapshot.Plugins.Add(Inspect(snapshot, directory));
            }
        }

        Log.CatalogLoaded(_logger, snapshot.Plugins.Count(p => p.State == PluginState.Active), snapshot.Plugins.Count);
        return snapshot;
    }

    private PluginDescriptor Inspect(Snapshot snapshot, string directory)
    {
        var folderName = Path.GetFileName(directory);
        PluginManifest manifest;
        string entryPath;
        try
        {
            manifest = PluginManifestReader.Read(directory);
            entryPath = PluginManifestReader.CheckEntryAssemblyPath(directory, manifest.EntryAssembly);
        }
        catch (PluginManifestException ex)
        {
            Log.PluginRefused(_logger, folderName, directory, PluginState.NotSupported, ex.Message);
            return new PluginDescriptor(folderName, null, PluginState.NotSupported, ex.Message, directory);
        }

        if (snapshot.Owners.TryGetValue(manifest.Id, out var owner))
        {
            var reason = $"The plugin id '{manifest.Id}' is already provided by {owner.DirectoryPath}; this copy is ignored.";
            Log.PluginRefused(_logger, manifest.Id, directory, PluginState.NotSupported, reason);
            return new PluginDescriptor(manifest.Id, manifest, PluginState.NotSupported, reason, directory);
        }

        PluginDescriptor descriptor;
        if (_disabled.Contains(manifest.Id))
        {
            Log.PluginDisabled(_logger, manifest.Id);
            descriptor = new PluginDescriptor(manifest.Id, manifest, PluginState.Disabled, "An administrator disabled the plugin.", directory);
        }
        else
        {
            descriptor = LoadCode(snapshot, manifest, directory, entryPath);
        }

        snapshot.Owners[manifest.Id] = descriptor;
        return descriptor;
    }

    private PluginDescriptor LoadCode(Snapshot snapshot, PluginManifest manifest, string directory, string entryPath)
    {
        PluginLoader? loader = null;
        ServiceProvider? provider = null;
        var stage = "loading its entry assembly";
        try
        {
            if (!File.Exists(entryPath))
            {
                throw new PluginLoadException($"The entry assembly '{manifest.EntryAssembly}' does not exist in the plugin folder.");
            }

            loader = PluginLoader.CreateFromAssemblyFile(entryPath, SharedTypes, config =>
            {
                config.PreferSharedTypes = false;
                config.IsUnloadable = false;
            });

            using var reflectionScope = loader.EnterContextualReflection();
            var assembly = loader.LoadDefaultAssembly();

            stage = "looking for its registrar";
            var registrarTypes = assembly.GetExportedTypes()
                .Where(t => t.IsClass && !t.IsAbstract && typeof(IPluginRegistrar).IsAssignableFrom(t))
                .OrderBy(t => t.FullName, StringComparer.Ordinal)
                .ToList();
            if (registrarTypes.Count == 0)
            {
                throw new PluginLoadException(
                    $"The entry assembly '{manifest.EntryAssembly}' has no public {nameof(IPluginRegistrar)} class built against this host's contract.");
            }

            var services = new ServiceCollection();
            services.AddSingleton(_loggerFactory);
            services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
            services.AddSingleton(_timeProvider);
            foreach (var type in registrarTypes)
            {
                stage = $"creating its registrar {type.FullName}";
                if (type.GetConstructor(Type.EmptyTypes) is null)
                {
                    throw new PluginLoadException($"The registrar {type.FullName} has no public parameterless constructor.");
                }

                var registrar = (IPluginRegistrar)Activator.CreateInstance(type)!;
                stage = $"running {type.FullName}.{nameof(IPluginRegistrar.Register)}";
                registrar.Register(services);
            }

            stage = "building its services";
            provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

            stage = "creating its services";
            var calendars = Resolve<ICalendarTargetFactory>(manifest, services, provider, PluginKind.CalendarTarget, "calendarTarget");
            var contacts = Resolve<IContactTargetFactory>(manifest, services, provider, PluginKind.ContactTarget, "contactTarget");
            var mappers = Resolve<IFieldMapper>(manifest, services, provider, PluginKind.FieldMapper, "fieldMapper");

            stage = "publishing its services";
            var calendarIds = UniqueIds(calendars.Select(f => f.PluginId), "calendar target", snapshot.Calendars.Keys, snapshot.CalendarOwner);
            var contactIds = UniqueIds(contacts.Select(f => f.PluginId), "contact target", snapshot.Contacts.Keys, snapshot.ContactOwner);
            var mapperIds = UniqueIds(mappers.Select(m => m.Id), "field mapper", snapshot.Mappers.Keys, snapshot.MapperOwner);

            var descriptor = new PluginDescriptor(manifest.Id, manifest, PluginState.Active, null, directory);
            for (var i = 0; i < calendars.Count; i++)
            {
                snapshot.Calendars[calendarIds[i]] = calendars[i];
                snapshot.CalendarOwner[calendarIds[i]] = manifest.Id;
                snapshot.FactoryOwners.TryAdd(calendarIds[i], descriptor);
            }

            for (var i = 0; i < contacts.Count; i++)
            {
                snapshot.Contacts[contactIds[i]] = contacts[i];
                snapshot.ContactOwner[contactIds[i]] = manifest.Id;
                snapshot.FactoryOwners.TryAdd(contactIds[i], descriptor);
            }

            for (var i = 0; i < mappers.Count; i++)
            {
                snapshot.Mappers[mapperIds[i]] = mappers[i];
                snapshot.MapperOwner[mapperIds[i]] = manifest.Id;
            }

            snapshot.Loaded.Add(new LoadedPlugin(manifest.Id, provider, loader));
            Log.PluginActive(_logger, manifest.Id, manifest.Version, directory);
            return descriptor;
        }
        catch (Exception ex)
        {
            var reason = ex is PluginLoadException
                ? ex.Message
                : $"The plugin failed while {stage}: {Describe(ex)}";
            Log.PluginMalfunctioned(_logger, ex is PluginLoadException ? null : ex, manifest.Id, directory, reason);
            try
            {
                provider?.Dispose();
            }
            catch (Exception disposeError)
            {
                Log.DisposeFailed(_logger, disposeError, manifest.Id);
            }

            loader?.Dispose();
            return new PluginDescriptor(manifest.Id, manifest, PluginState.Malfunctioned, reason, directory);
        }
    }

    private List<T> Resolve<T>(PluginManifest manifest, ServiceCollection services, ServiceProvider provider, PluginKind kind, string kindName)
        where T : class
    {
        var registered = services.Any(d => d.ServiceType == typeof(T));
        if (!manifest.Kinds.Contains(kind))
        {
            if (registered)
            {
                Log.UndeclaredKind(_logger, manifest.Id, kindName);
            }

            return [];
        }

        var resolved = registered ? provider.GetServices<T>().ToList() : [];
        if (resolved.Count == 0)
        {
            throw new PluginLoadException($"The manifest declares '{kindName}' but the plugin registers no {typeof(T).Name}.");
        }

        return resolved;
    }

    private static List<string> UniqueIds(IEnumerable<string?> ids, string what, IEnumerable<string> taken, Dictionary<string, string> owners)
    {
        var result = new List<string>();
        var known = new HashSet<string>(taken, StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                throw new PluginLoadException($"The plugin registers a {what} with an empty id.");
            }

            if (result.Contains(id, StringComparer.Ordinal))
            {
                throw new PluginLoadException($"The plugin registers the {what} '{id}' twice.");
            }

            if (known.Contains(id))
            {
                throw new PluginLoadException($"The plugin registers the {what} '{id}', which plugin '{owners[id]}' already provides.");
            }

            result.Add(id);
        }

        return result;
    }

    private static string Describe(Exception ex)
    {
        while (ex is TargetInvocationException { InnerException: { } inner })
        {
            ex = inner;
        }

        if (ex is ReflectionTypeLoadException { LoaderExceptions: { Length: > 0 } loaderExceptions }
            && loaderExceptions.FirstOrDefault(e => e is not null) is { } first)
        {
            ex = first;
        }

        var message = ex.Message.ReplaceLineEndings(" ").Trim();
        return message.EndsWith('.') ? $"{ex.GetType().Name}: {message}" : $"{ex.GetType().Name}: {message}.";
    }

    private sealed record LoadedPlugin(string PluginId, ServiceProvider Provider, PluginLoader Loader);

    private sealed class PluginLoadException(string message) : Exception(message);

    private sealed class Snapshot
    {
        public List<PluginDescriptor> Plugins { get; } = [];

        public Dictionary<string, PluginDescriptor> Owners { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, PluginDescriptor> FactoryOwners { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, ICalendarTargetFactory> Calendars { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> CalendarOwner { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, IContactTargetFactory> Contacts { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> ContactOwner { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, IFieldMapper> Mappers { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> MapperOwner { get; } = new(StringComparer.Ordinal);

        public List<LoadedPlugin> Loaded { get; } = [];
    }
}
