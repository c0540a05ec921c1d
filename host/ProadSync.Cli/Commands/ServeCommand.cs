using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using ProadSync.Web;
using Microsoft.Extensions.Logging;
using ProadSync.Core.Leading;
using ProadSync.Hosting.Licensing;
using ProadSync.Hosting.Runs;
using ProadSync.Hosting.Scheduling;

namespace ProadSync.Cli.Commands;

/// <summary><c>serve</c>: the long-running host — every enabled account runs on the admin's interval (SPEC R-GEN-4).</summary>
internal static class ServeCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var interval = new Option<int?>("--interval") { Description = "Set the admin's run interval in minutes (1–1440, default 5) and keep it." };
        var parallel = new Option<int>("--max-parallel") { Description = "Accounts of different users that may run at the same time.", DefaultValueFactory = _ => 4 };
        var webUrl = new Option<string?>("--web-url") { Description = $"Where the web UI listens (default {WebOptions.DefaultUrl}, loopback only unless you give another address)." };
        var noWeb = new Option<bool>("--no-web") { Description = "Run the scheduler without the web UI." };
        var command = new Command("serve", "Run the scheduler (every enabled account every interval, never two runs of one account at once) and the web UI.") { interval, parallel, webUrl, noWeb };
        CliApp.SetHandler(command, environment, async (ctx, parse, ct) =>
        {
            if (parse.GetValue(parallel) < 1)
            {
                throw new CliException("--max-parallel must be at least 1.");
            }

            if (parse.GetValue(interval) is { } minutes)
            {
                if (minutes is < 1 or > 1440)
                {
                    throw new CliException("--interval must be between 1 and 1440 minutes.");
                }

                await SchedulerSettings.SetIntervalAsync(ctx.Services.Catalog, TimeSpan.FromMinutes(minutes), ct);
            }

            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
            var url = parse.GetValue(webUrl) ?? WebOptions.DefaultUrl;
            builder.WebHost.UseUrls(url);
            builder.Logging.ClearProviders();
            builder.Services.AddSingleton(ctx.LoggerFactory);
            builder.Services.AddSingleton(ctx.Time);
            builder.Services.AddSingleton<ILeadingCatalog>(ctx.Services.Catalog);
            builder.Services.AddSingleton<LicensingService>(ctx.Services.Licensing);
            builder.Services.AddSingleton<IAccountRunner>(new SyncAccountRunner(ctx.Services));
            var plugins = ctx.Services.Plugins;
            builder.Services.AddProadSyncScheduler(o =>
            {
                o.MaxParallelRuns = parse.GetValue(parallel);
                o.InterfaceOfPlugin = id => plugins.Plugins.FirstOrDefault(p => p.Id == id)?.Manifest?.Interface ?? KnownInterfaces.ForBuiltInPlugin(id);
            });
            var web = !parse.GetValue(noWeb);
            if (web)
            {
                builder.Services.AddProadSyncWeb(ctx.Services, new WebOptions { Urls = url });
            }

            await using var app = builder.Build();
            if (web)
            {
                app.MapProadSyncWeb();
            }

            var every = await SchedulerSettings.GetIntervalAsync(ctx.Services.Catalog, TimeSpan.FromMinutes(5), ct);
            try
            {
                await app.StartAsync(ct);
            }
            catch (IOException ex)
            {
                throw new CliException($"The web UI cannot listen on {url}: {ex.Message} Choose another address with --web-url, or run without it (--no-web).");
            }

            ctx.Output.Line($"ProadSync serves {ctx.Home.Root}: every enabled account runs every {every.TotalMinutes:0} minute(s){(web ? $"; web UI at {url}" : "")}. Stop with Ctrl+C.");
            await app.WaitForShutdownAsync(ct);
        });
        return command;
    }
}
