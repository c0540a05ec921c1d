using System.Globalization;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.RateLimiting;
using System.Threading.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using ProadSync.Hosting;
using ProadSync.Web.Localization;
using ProadSync.Web.Security;

namespace ProadSync.Web;

/// <summary>Registers the web UI's services.</summary>
public static class WebServiceCollectionExtensions
{
    internal const string SignInRateLimit = "proadsync-sign-in";

    /// <summary>Adds the web UI (Razor Pages, cookie sign-in, anti-forgery, German/English texts) on the host's services.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="hostServices">The host's services, the same ones the command line uses.</param>
    /// <param name="options">The options, or <see langword="null"/> for the defaults.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddProadSyncWeb(this IServiceCollection services, HostServices hostServices, WebOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(hostServices);
        options ??= new WebOptions();
        services.AddSingleton(hostServices);
        services.AddSingleton(options);
        services.AddSingleton<Texts>();

        // Cookies and anti-forgery tokens are protected with the home folder's key ring, so sign-ins survive restarts.
        services.AddDataProtection()
            .PersistKeysToFileSystem(new DirectoryInfo(hostServices.Home.KeysDirectory))
            .SetApplicationName("ProadSync.Web");

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.Cookie.Name = "proadsync.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = "/login";
                o.LogoutPath = "/logout";
                o.AccessDeniedPath = "/denied";
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = options.SessionIdleTimeout;
                o.Events.OnValidatePrincipal = SessionValidator.ValidateAsync;
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(WebUser.AdminPolicy, p => p.RequireAuthenticatedUser().RequireRole(WebUser.AdminRole));

        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "proadsync.af";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.FormFieldName = "__RequestVerificationToken";
        });

        // Slows down password guessing: a fixed window of sign-in (and password change) posts per client address.
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignInRateLimit, context => context.Request.Method != HttpMethods.Post
                ? RateLimitPartition.GetNoLimiter("get")
                : RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, options.SignInAttemptsPerMinute), Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });

        services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = Texts.SupportedCultures.Select(c => new CultureInfo(c)).ToList();
            o.DefaultRequestCulture = new RequestCulture("en");
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.RequestCultureProviders =
            [
                new CookieRequestCultureProvider { CookieName = Texts.CultureCookie },
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });

        services.AddRazorPages(o =>
            {
                o.Conventions.AuthorizeFolder("/");
                o.Conventions.AllowAnonymousToPage("/Login");
                o.Conventions.AddPageApplicationModelConvention("/Login", m => m.EndpointMetadata.Add(new EnableRateLimitingAttribute(SignInRateLimit)));
                // Changing one's password checks the current one: the same limit as sign-ins against guessing.
                o.Conventions.AddPageApplicationModelConvention("/Password", m => m.EndpointMetadata.Add(new EnableRateLimitingAttribute(SignInRateLimit)));
                o.Conventions.AllowAnonymousToPage("/Denied");
                o.Conventions.AllowAnonymousToPage("/Language");
                o.Conventions.AllowAnonymousToPage("/Error");
                o.Conventions.AuthorizeFolder("/Admin", WebUser.AdminPolicy);
            })
            .ConfigureApplicationPartManager(manager =>
            {
                var assembly = typeof(WebServiceCollectionExtensions).Assembly;
                if (!manager.ApplicationParts.OfType<AssemblyPart>().Any(p => p.Assembly == assembly))
                {
                    // The factory yields the code part and the compiled Razor pages' part.
                    foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(assembly).GetApplicationParts(assembly))
                    {
                        manager.ApplicationParts.Add(part);
                    }
                }
            });
        return services;
    }
}
