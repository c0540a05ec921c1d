using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using ProadSync.Abstractions.Errors;
using ProadSync.Core.Leading;
using ProadSync.Hosting;
using ProadSync.Hosting.Accounts;
using ProadSync.Hosting.Licensing;
using ProadSync.Web.Localization;
using ProadSync.Web.Security;

namespace ProadSync.Web.Pages;

/// <summary>What every page has: the host's services, the signed-in user, the texts and the message to show.</summary>
public abstract class ProadSyncPageModel : PageModel
{
    private TimeZoneInfo? _zone;

    /// <summary>The host's services.</summary>
    public HostServices Services => HttpContext.RequestServices.GetRequiredService<HostServices>();

    /// <summary>The texts in the request's language.</summary>
    public Texts T => HttpContext.RequestServices.GetRequiredService<Texts>();

    /// <summary>The message shown above the content, if any.</summary>
    public PageMessage? Message { get; set; }

    internal WebUser Me => WebUser.From(User);

    /// <summary>Opens the signed-in user's database.</summary>
    /// <returns>The store; the caller disposes it.</returns>
    protected async Task<ILeadingSystem> OpenStoreAsync()
    {
        var store = await Services.Catalog.OpenAsync(Me.Database, HttpContext.RequestAborted);
        _zone ??= FindZone(store.Database.TimeZoneId);
        return store;
    }

    /// <summary>Runs an action and turns a refusal by a rule into the message (the sentence the rule gives).</summary>
    /// <param name="action">The action.</param>
    /// <returns><see langword="true"/> when it succeeded.</returns>
    protected async Task<bool> TryAsync(Func<Task> action)
    {
        try
        {
            await action();
            return true;
        }
        catch (Exception ex) when (ex is AccountRuleException or LeadingValidationException or LicenceException or TargetException)
        {
            Message = PageMessage.Error(ex.Message);
            return false;
        }
    }

    /// <summary>Formats a time in the database's time zone.</summary>
    /// <param name="value">The time.</param>
    /// <returns>The text, or a dash.</returns>
    public string Format(DateTimeOffset? value) =>
        value is null ? "–" : TimeZoneInfo.ConvertTime(value.Value, _zone ?? TimeZoneInfo.Utc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Formats a flag as yes/no in the request's language.</summary>
    /// <param name="value">The flag.</param>
    /// <returns>The word.</returns>
    public string YesNo(bool value) => value ? T["yes"] : T["no"];

    private static TimeZoneInfo FindZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
