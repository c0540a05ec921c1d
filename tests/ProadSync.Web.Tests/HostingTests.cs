using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ProadSync.Core.Leading;
using ProadSync.Hosting;
using ProadSync.Hosting.Licensing;
using ProadSync.Hosting.Runs;
using ProadSync.Hosting.Scheduling;

namespace ProadSync.Web.Tests;

/// <summary>The application without a browser: the wiring 'serve' uses, security headers, the sign-in rate limit.</summary>
[TestFixture]
public sealed class HostingTests
{
    [Test]
    public async Task The_web_ui_and_the_scheduler_run_in_one_application_as_serve_wires_them()
    {
        await using var instance = await WebHostInstance.StartAsync(licensed: false);
        var services = instance.Services;

        // The same registrations as 'serve', on a WebApplication builder instead of a generic host builder.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ILeadingCatalog>(services.Catalog);
        builder.Services.AddSingleton<LicensingService>(services.Licensing);
        builder.Services.AddSingleton<IAccountRunner>(new SyncAccountRunner(services));
        builder.Services.AddProadSyncScheduler(o => o.MaxParallelRuns = 1);
        builder.Services.AddProadSyncWeb(services);
        await using var app = builder.Build();
        app.MapProadSyncWeb();
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            using var http = new HttpClient();
            var response = await http.GetAsync(address + "/login");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(app.Services.GetServices<IHostedService>().Count(), Is.GreaterThan(1), "the scheduler's hosted services run beside the web server");
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Test]
    public async Task Every_answer_carries_the_security_headers()
    {
        await using var instance = await WebHostInstance.StartAsync(licensed: false);
        using var http = new HttpClient();
        var response = await http.GetAsync(instance.BaseUrl + "/login");
        Assert.Multiple(() =>
        {
            Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("script-src 'self'").And.Contain("frame-ancestors 'none'"));
            Assert.That(response.Headers.GetValues("X-Frame-Options").Single(), Is.EqualTo("DENY"));
            Assert.That(response.Headers.GetValues("X-Content-Type-Options").Single(), Is.EqualTo("nosniff"));
            Assert.That(response.Headers.GetValues("Referrer-Policy").Single(), Is.EqualTo("no-referrer"));
        });
        var css = await http.GetAsync(instance.BaseUrl + "/assets/site.css");
        Assert.That(css.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/css"));
    }

    [Test]
    public async Task Sign_in_posts_beyond_the_limit_are_answered_429()
    {
        await using var instance = await WebHostInstance.StartAsync(licensed: false, new WebOptions { SignInAttemptsPerMinute = 3 });
        using var http = new HttpClient();
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["Database"] = "acme", ["Login"] = "anna", ["Password"] = "guess-" + i });
            codes.Add((await http.PostAsync(instance.BaseUrl + "/login", form)).StatusCode);
        }

        Assert.That(codes, Is.EqualTo(new[] { HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests }), "without a token each post is refused (400) until the limit, then 429");
        Assert.That((await http.GetAsync(instance.BaseUrl + "/login")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "showing the form is not limited");
    }
}
