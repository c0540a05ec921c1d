using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProadSync.Abstractions.Plugins;
using ProadSync.Abstractions.Targets;

namespace ProadSync.Plugin.Exchange;

/// <summary>
/// The entry point of the <c>exchange</c> plugin: calendar (appointments and tasks) and contact targets for
/// on-premises Exchange over EWS.
/// </summary>
/// <remarks>
/// Account settings: <see cref="TargetSettings.Url"/> is the EWS endpoint (<c>https://host/EWS/Exchange.asmx</c>);
/// a user name <c>DOMAIN\user</c> uses NTLM/Negotiate, any other Basic authentication. Options: <c>bodyType</c>
/// (Text or HTML, how descriptions are read), <c>pageSize</c> (SyncFolderItems, 1–512), <c>getItemBatchSize</c>,
/// <c>findPageSize</c>, <c>maxResponseMegabytes</c>, <c>timeoutSeconds</c>, <c>impersonate</c> (the SMTP address of
/// the mailbox a service account with the ApplicationImpersonation role acts on).
/// </remarks>
public sealed class ExchangePluginRegistrar : IPluginRegistrar
{
    /// <summary>The plugin id accounts name.</summary>
    public const string PluginId = "exchange";

    /// <inheritdoc />
    public void Register(IServiceCollection services)
    {
        services.AddSingleton(sp => new ExchangeTargetFactory(sp.GetService<ILoggerFactory>()));
        services.AddSingleton<ICalendarTargetFactory>(sp => sp.GetRequiredService<ExchangeTargetFactory>());
        services.AddSingleton<IContactTargetFactory>(sp => sp.GetRequiredService<ExchangeTargetFactory>());
    }
}
