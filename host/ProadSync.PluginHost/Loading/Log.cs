using Microsoft.Extensions.Logging;

namespace ProadSync.PluginHost.Loading;

/// <summary>The catalog's log messages. Paths and reasons only; plugin settings never reach these messages.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Warning, "Plugin root {Root} does not exist; no plugins are loaded from it")]
    public static partial void RootMissing(ILogger logger, string root);

    [LoggerMessage(2, LogLevel.Information, "Plugin {PluginId} {Version} loaded from {Directory}")]
    public static partial void PluginActive(ILogger logger, string pluginId, string version, string directory);

    [LoggerMessage(3, LogLevel.Warning, "Plugin {PluginId} in {Directory} is {State}: {Reason}")]
    public static partial void PluginRefused(ILogger logger, string pluginId, string directory, PluginState state, string reason);

    [LoggerMessage(4, LogLevel.Error, "Plugin {PluginId} in {Directory} malfunctioned: {Reason}")]
    public static partial void PluginMalfunctioned(ILogger logger, Exception? exception, string pluginId, string directory, string reason);

    [LoggerMessage(5, LogLevel.Information, "Plugin {PluginId} is disabled by the administrator")]
    public static partial void PluginDisabled(ILogger logger, string pluginId);

    [LoggerMessage(6, LogLevel.Warning, "Plugin {PluginId} registers a {Kind} its manifest does not declare; it is ignored")]
    public static partial void UndeclaredKind(ILogger logger, string pluginId, string kind);

    [LoggerMessage(7, LogLevel.Warning, "Disposing the services of plugin {PluginId} failed")]
    public static partial void DisposeFailed(ILogger logger, Exception exception, string pluginId);

    [LoggerMessage(8, LogLevel.Information, "Plugin catalog loaded: {Active} active of {Total} found")]
    public static partial void CatalogLoaded(ILogger logger, int active, int total);
}
