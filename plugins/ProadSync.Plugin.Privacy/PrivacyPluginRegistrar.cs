using Microsoft.Extensions.DependencyInjection;
using ProadSync.Abstractions.Mapping;
using ProadSync.Abstractions.Plugins;

namespace ProadSync.Plugin.Privacy;

/// <summary>The entry point of the <c>privacy</c> plugin: registers the <c>privacy</c> and <c>jobprefix</c> mappers.</summary>
public sealed class PrivacyPluginRegistrar : IPluginRegistrar
{
    /// <inheritdoc />
    public void Register(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<IFieldMapper, PrivacyFieldMapper>();
        services.AddSingleton<IFieldMapper, JobPrefixFieldMapper>();
    }
}
