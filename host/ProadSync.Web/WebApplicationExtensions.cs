using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ProadSync.Web.Security;

namespace ProadSync.Web;

/// <summary>Adds the web UI's middleware and endpoints to an application.</summary>
public static class WebApplicationExtensions
{
    /// <summary>
    /// Adds security headers, the texts' culture, sign-in and the pages (with anti-forgery validation on every form
    /// post), and the embedded style sheet and script.
    /// </summary>
    /// <param name="app">The application built with <see cref="WebServiceCollectionExtensions.AddProadSyncWeb"/>.</param>
    /// <returns>The application.</returns>
    public static WebApplication MapProadSyncWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler("/error");
        app.Use(SecurityHeaders.AddAsync);
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/assets/site.css", () => EmbeddedAsset.Result("site.css", "text/css; charset=utf-8")).AllowAnonymous();
        app.MapGet("/assets/site.js", () => EmbeddedAsset.Result("site.js", "text/javascript; charset=utf-8")).AllowAnonymous();
        app.MapRazorPages();
        return app;
    }
}
