using System.CommandLine;
using Microsoft.Extensions.Logging;
using ProadSync.Cli.Output;
using ProadSync.Core.Leading;
using ProadSync.Hosting;
using Serilog;
using Serilog.Extensions.Logging;

namespace ProadSync.Cli;

/// <summary>One invocation's services: home folder, output, logging and the lazily opened stores.</summary>
internal sealed class CliContext : IAsyncDisposable
{
    private readonly Serilog.Core.Logger _serilog;
    private readonly List<IAsyncDisposable> _opened = [];
    private HostServices? _services;

    private CliContext(CliEnvironment environment, ProadSyncHome home, bool json)
    {
        Environment = environment;
        Home = home;
        Output = new CliOutput(environment.Out, json);
        Directory.CreateDirectory(home.LogsDirectory);
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Information()
            .Enrich.FromLogContext()
            .WriteTo.File(
                Path.Combine(home.LogsDirectory, "proadsync-.log"),
                rollingInterval: RollingInterval.Day,
                formatProvider: System.Globalization.CultureInfo.InvariantCulture,
                retainedFileCountLimit: 14,
                outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}");
        if (environment.LogToConsole && Environment.GetVariable("PROADSYNC_LOG_CONSOLE") == "1")
        {
            configuration = configuration.WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture, standardErrorFromLevel: Serilog.Events.LogEventLevel.Verbose);
        }

        _serilog = configuration.CreateLogger();
        LoggerFactory = new SerilogLoggerFactory(_serilog, dispose: false);
    }

    public CliEnvironment Environment { get; }

    public ProadSyncHome Home { get; }

    public CliOutput Output { get; }

    public ILoggerFactory LoggerFactory { get; }

    public TimeProvider Time => Environment.Time;

    /// <summary>The host's services (catalog, plugins, secrets, licences, accounts, runs).</summary>
    public HostServices Services => _services ?? throw new InvalidOperationException("The services are not initialised.");

    /// <summary>Wires the services for the home folder (called before every command body).</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken) =>
        _services ??= await HostServices.CreateAsync(Home, Time, LoggerFactory, [Environment.BuiltInPluginsDirectory, Home.PluginsDirectory], cancellationToken);

    public static CliContext Create(CliEnvironment environment, ParseResult parse)
    {
        var homeOption = parse.GetValue(GlobalOptions.Home);
        ProadSyncHome home;
        try
        {
            home = ProadSyncHome.Resolve(homeOption, environment.GetVariable(ProadSyncHome.EnvironmentVariable));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new CliException($"The home folder cannot be used: {ex.Message} Pass --home DIR with a writable folder.");
        }

        return new CliContext(environment, home, parse.GetValue(GlobalOptions.Json));
    }

    /// <summary>Opens a database by name (refused with one sentence when it does not exist).</summary>
    public async Task<ILeadingSystem> OpenDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        if (await Services.Catalog.FindDatabaseAsync(name, cancellationToken) is null)
        {
            throw new CliException($"There is no database '{name}'; list them with 'proadsync databases list' or add it with 'proadsync databases add {name}'.");
        }

        var store = await Services.Catalog.OpenAsync(name, cancellationToken);
        _opened.Add(store);
        return store;
    }

    /// <summary>Finds a user by login or refuses with one sentence.</summary>
    public static async Task<LeadingUser> RequireUserAsync(ILeadingSystem store, string login, CancellationToken cancellationToken) =>
        await store.FindUserAsync(login, cancellationToken)
        ?? throw new CliException($"There is no user '{login}' in database '{store.Database.Name}'; add it with 'proadsync users add {store.Database.Name} {login}'.");

    public void LogFailure(Exception ex) =>
        LoggerFactory.CreateLogger("ProadSync.Cli").LogWarning(ex, "Command failed: {Message}", ex.Message);

    public async ValueTask DisposeAsync()
    {
        foreach (var item in _opened)
        {
            await item.DisposeAsync();
        }

        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        LoggerFactory.Dispose();
        await _serilog.DisposeAsync();
    }
}
