using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ProadSync.Hosting;

namespace ProadSync.Web;

/// <summary>Builds the stand-alone web application (used by <c>proadsync serve</c> and by the browser tests).</summary>
public static class ProadSyncWebApp
{
    /// <summary>Builds a web application on the host's services, listening on <see cref="WebOptions.Urls"/> (loopback by default).</summary>
    /// <param name="services">The host's services (not disposed by the application).</param>
    /// <param name="options">The options, or <see langword="null"/> for the defaults.</param>
    /// <returns>The application; start it with <c>StartAsync</c> or <c>RunAsync</c>.</returns>
    public static Task<WebApplication> CreateAsync(HostServices services, WebOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        options ??= new WebOptions();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
            Args = [],
        });
        builder.WebHost.UseUrls(options.Urls);
        if (options.LoggerFactory is not null)
        {
            builder.Logging.ClearProviders();
            builder.Services.AddSingleton(options.LoggerFactory);
        }

        builder.Services.AddProadSyncWeb(services, options);
        var app = builder.Build();
        app.MapProadSyncWeb();
        return Task.FromResult(app);
    }
}
