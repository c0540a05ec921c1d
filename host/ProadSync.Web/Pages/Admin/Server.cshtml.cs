using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using ProadSync.Hosting.Licensing;
using ProadSync.PluginHost;

namespace ProadSync.Web.Pages.Admin;

/// <summary>
/// The server manager (SPEC §1): databases × interfaces with licensed / enabled / green, the switches, the licence
/// (details and upload) and the plugins with their state — through <see cref="LicensingService"/> like the command line.
/// </summary>
public sealed class ServerModel : ProadSyncPageModel
{
    /// <summary>The largest licence file accepted.</summary>
    public const int MaxLicenceBytes = 64 * 1024;

    /// <summary>The databases and their interfaces.</summary>
    public IReadOnlyList<DatabaseInterfaces> Databases { get; private set; } = [];

    /// <summary>The installed licence.</summary>
    public LicenceStatus? Licence { get; private set; }

    /// <summary>The plugins.</summary>
    public IReadOnlyList<PluginDescriptor> Plugins { get; private set; } = [];

    /// <summary>Shows the server manager.</summary>
    /// <returns>The page.</returns>
    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Page();
    }

    /// <summary>Switches an interface of a database on (only where licensed, R-SM-2) or off.</summary>
    /// <param name="database">The database.</param>
    /// <param name="iface">The interface.</param>
    /// <param name="enable">On or off.</param>
    /// <returns>The page with the result.</returns>
    public async Task<IActionResult> OnPostSwitchAsync(string database, string iface, bool enable)
    {
        await TryAsync(async () =>
        {
            var state = await Services.Licensing.SetEnabledAsync(database, iface, enable, HttpContext.RequestAborted);
            Message = PageMessage.Ok(string.Format(
                System.Globalization.CultureInfo.InvariantCulture,
                T[state.Enabled ? "Interface '{0}' of database '{1}' is now enabled." : "Interface '{0}' of database '{1}' is now disabled."],
                state.Interface,
                state.Database) + (state.Green ? " " + T["(green)"] : ""));
        });
        await LoadAsync();
        return Page();
    }

    /// <summary>Installs an uploaded (or pasted) licence file.</summary>
    /// <param name="licenceFile">The file.</param>
    /// <param name="licenceText">Or its text.</param>
    /// <returns>The page with the result.</returns>
    public async Task<IActionResult> OnPostLicenceAsync(IFormFile? licenceFile, string? licenceText)
    {
        await TryAsync(async () =>
        {
            string text;
            if (licenceFile is { Length: > 0 })
            {
                if (licenceFile.Length > MaxLicenceBytes)
                {
                    throw new LicenceException(T["The licence file is too large; a licence file has a few kilobytes."]);
                }

                using var reader = new StreamReader(licenceFile.OpenReadStream());
                text = await reader.ReadToEndAsync(HttpContext.RequestAborted);
            }
            else if (!string.IsNullOrWhiteSpace(licenceText) && licenceText.Length <= MaxLicenceBytes)
            {
                text = licenceText;
            }
            else
            {
                throw new LicenceException(T["Choose a licence file (or paste its text) first."]);
            }

            var licence = await Services.Licensing.InstallAsync(text, HttpContext.RequestAborted);
            Message = PageMessage.Ok($"{T["Licence installed"]}: {licence.LicenceId} ({licence.Licensee}).");
        });
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var pluginInterfaces = Services.Plugins.Plugins.Select(p => p.Manifest?.Interface).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase);
        Databases = await Services.Licensing.ListDatabaseInterfacesAsync(pluginInterfaces, HttpContext.RequestAborted);
        Licence = await Services.Licensing.GetAsync(HttpContext.RequestAborted);
        Plugins = Services.Plugins.Plugins;
    }
}
