using System.Globalization;
using Microsoft.Extensions.Logging;
using ProadSync.Abstractions.Errors;
using ProadSync.Abstractions.Mapping;
using ProadSync.Abstractions.Models;
using ProadSync.Abstractions.Targets;
using ProadSync.Core.Leading;
using ProadSync.Core.Mapping;
using ProadSync.Core.Sync;
using ProadSync.PluginHost;
using ProadSync.Storage.Sqlite;

namespace ProadSync.PluginHarness;

/// <summary>Loads one plugin folder as the host does and runs a connection test or export passes against a server.</summary>
internal static class Harness
{
    public static async Task<int> RunAsync(HarnessOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(options.PluginFolder))
        {
            output.WriteLine($"The plugin folder '{options.PluginFolder}' does not exist.");
            return 66;
        }

        using var loggerFactory = LoggerFactory.Create(b =>
        {
            b.SetMinimumLevel(options.Verbose ? LogLevel.Debug : LogLevel.Warning);
            b.AddProvider(new ConsoleLoggerProvider(options.Verbose ? LogLevel.Debug : LogLevel.Warning));
        });

        // Exactly as the host: a plugins root holding this one folder (a copy, so no other plugin beside it loads).
        var root = Path.Combine(Path.GetTempPath(), "proadsync-harness-" + Guid.NewGuid().ToString("N"));
        try
        {
            CopyDirectory(options.PluginFolder, Path.Combine(root, Path.GetFileName(Path.TrimEndingDirectorySeparator(options.PluginFolder))));
            var hostOptions = new PluginHostOptions();
            hostOptions.RootDirectories.Add(root);
            using var catalog = PluginCatalogFactory.Create(hostOptions, loggerFactory, TimeProvider.System);
            if (catalog.Plugins.Count != 1)
            {
                output.WriteLine($"The folder '{options.PluginFolder}' was not taken for a plugin folder.");
                return 2;
            }

            var plugin = catalog.Plugins[0];
            output.WriteLine($"Plugin {plugin.Id}: {plugin.State.ToString().ToLowerInvariant()}{(plugin.Reason is null ? string.Empty : " — " + plugin.Reason)}");
            if (plugin.Manifest is { } m)
            {
                output.WriteLine($"  {m.Name} {m.Version}, contract {m.ContractVersion}, kinds {string.Join(", ", m.Kinds)}, licence {m.Interface ?? "neutral"}");
            }

            if (plugin.State != PluginState.Active)
            {
                return 2;
            }

            return options.Command switch
            {
                "info" => 0,
                "test" => await TestAsync(options, catalog, plugin, output, cancellationToken),
                _ => await ExportAsync(options, catalog, plugin, loggerFactory, output, cancellationToken),
            };
        }
        finally
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // The load context may still hold the files on some systems; the temp folder is cleaned later.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private static async Task<int> TestAsync(HarnessOptions options, IPluginCatalog catalog, PluginDescriptor plugin, TextWriter output, CancellationToken cancellationToken)
    {
        var targetId = options.TargetId ?? plugin.Id;
        var settings = Settings(options);
        if (IsMapperOnly(plugin))
        {
            return ShowMapper(options, catalog, targetId, output);
        }

        await using ITarget target = options.Contacts
            ? await (catalog.FindContactTargetFactory(targetId) ?? throw NoFactory("contact", targetId)).CreateAsync(settings, cancellationToken)
            : await (catalog.FindCalendarTargetFactory(targetId) ?? throw NoFactory("calendar", targetId)).CreateAsync(settings, cancellationToken);
        output.WriteLine($"Connection test of {targetId} against {settings}:");
        var report = await target.TestConnectionAsync(cancellationToken);
        var number = 0;
        foreach (var step in report.Steps)
        {
            output.WriteLine($"  {++number}. [{step.Outcome.ToString().ToUpperInvariant()}] {step.Name}: {step.Message}");
        }

        output.WriteLine(report.Succeeded ? "Connection test passed." : report.AuthenticationFailed ? "Connection test failed: authentication." : "Connection test failed.");
        return report.Succeeded ? 0 : 1;
    }

    private static async Task<int> ExportAsync(HarnessOptions options, IPluginCatalog catalog, PluginDescriptor plugin, ILoggerFactory loggerFactory, TextWriter output, CancellationToken cancellationToken)
    {
        if (IsMapperOnly(plugin) || options.Contacts)
        {
            output.WriteLine("'run' needs a calendar target plugin; use 'test' for mappers and contact targets.");
            return 64;
        }

        var targetId = options.TargetId ?? plugin.Id;
        var factory = catalog.FindCalendarTargetFactory(targetId) ?? throw NoFactory("calendar", targetId);
        IFieldMapper mapper = options.Mapper is null or DefaultFieldMapper.MapperId
            ? new DefaultFieldMapper()
            : catalog.FindFieldMapper(options.Mapper) ?? throw new TargetConfigurationException($"The plugin provides no field mapper '{options.Mapper}'.");

        var time = TimeProvider.System;
        var name = "harness-" + Guid.NewGuid().ToString("N");
        await using var leading = await SqliteLeadingStore.OpenAsync(
            new DatabaseInfo(options.Database, SqliteLeadingStore.ProviderName, $"Data Source={name};Mode=Memory;Cache=Shared", options.Zone),
            time, loggerFactory, cancellationToken);
        var user = await leading.AddUserAsync("harness", "Harness User", mayConfigureSync: true, cancellationToken);
        foreach (var draft in SampleTodos.Create(user.Id, time.GetUtcNow(), options.Zone, options.Count))
        {
            await leading.AddTodoAsync(draft, cancellationToken);
        }

        var account = await leading.SaveAccountAsync(new SyncAccount
        {
            UserId = user.Id,
            Enabled = true,
            PluginId = targetId,
            Url = options.Url,
            UserName = options.User,
            Profile = options.Profile,
            Mode = SyncMode.Export,
            Options = options.TargetOptions,
        }, cancellationToken);

        var engine = new SyncEngine(new SyncEngineOptions(), time, loggerFactory.CreateLogger<SyncEngine>());
        output.WriteLine($"Export of {options.Count} appointments and {options.Count} tasks to {targetId} at {Settings(options)} (mapper {mapper.Id}):");
        var exit = 0;
        for (var pass = 1; pass <= options.Passes; pass++)
        {
            await using var target = await factory.CreateAsync(Settings(options), cancellationToken);
            var report = await engine.RunAsync(
                new SyncRunRequest(leading, account, target, mapper)
                {
                    DatabaseName = options.Database,
                    MapperOptions = options.MapperOptions,
                    Options = new RunOptions { DryRun = options.DryRun },
                },
                cancellationToken);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Pass {pass}:"));
            output.Write(report.ToSummary());
            foreach (var entry in report.Plan)
            {
                output.WriteLine($"  plan {entry.Kind} {entry.LeadingId?.ToString(CultureInfo.InvariantCulture) ?? "-"} / {entry.ExternalId ?? "-"}: {entry.Action} ({entry.Reason})");
            }

            exit = report.Outcome is "succeeded" or "dry-run" ? exit : 1;
        }

        return exit;
    }

    private static int ShowMapper(HarnessOptions options, IPluginCatalog catalog, string mapperId, TextWriter output)
    {
        var mapper = catalog.FindFieldMapper(options.Mapper ?? mapperId);
        if (mapper is null)
        {
            output.WriteLine($"The plugin provides no field mapper '{options.Mapper ?? mapperId}'; name it with --mapper.");
            return 1;
        }

        var context = new FieldMappingContext(options.Database, options.TargetId ?? "harness") { Options = options.MapperOptions };
        var draft = SampleTodos.Create(1, TimeProvider.System.GetUtcNow(), options.Zone, 1).First();
        var todo = new LeadingTodo(1, draft.Content) { ProjectNumber = draft.ProjectNumber, ProjectName = draft.ProjectName, ResponsibleName = "Harness User" };
        var external = mapper.ToExternal(todo, context);
        output.WriteLine($"Mapper {mapper.Id}: '{todo.Content.Subject}' goes out as '{external.Subject}'");
        output.WriteLine($"  description: {external.Description ?? "(none)"}; location: {external.Location ?? "(none)"}; show as: {external.ShowAs}");
        var back = mapper.ToLeading(external with { Subject = external.Subject + " (edited)" }, todo, context);
        output.WriteLine(back is null ? "  nothing flows back" : $"  an external edit comes back as '{back.Subject}'");
        return 0;
    }

    private static bool IsMapperOnly(PluginDescriptor plugin) =>
        plugin.Manifest is { } m && m.Kinds.All(k => k == Abstractions.Plugins.PluginKind.FieldMapper);

    private static TargetSettings Settings(HarnessOptions options) => new()
    {
        Url = options.Url ?? string.Empty,
        UserName = options.User,
        Password = options.PasswordVariable is null ? null : Environment.GetEnvironmentVariable(options.PasswordVariable),
        Profile = options.Profile,
        Options = options.TargetOptions,
    };

    private static TargetConfigurationException NoFactory(string kind, string id) =>
        new($"The plugin provides no {kind} target '{id}'; name the target id with --target.");

    private static void CopyDirectory(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
