using System.Text.Json.Serialization;

namespace ProadSync.PluginHost;

/// <summary>The state of a plugin as the host reports it (serialised camelCase: <c>active</c>, <c>notSupported</c>, …).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PluginState>))]
public enum PluginState
{
    /// <summary>The plugin is loaded and its services can be used.</summary>
    [JsonStringEnumMemberName("active")]
    Active = 0,

    /// <summary>An administrator disabled the plugin; its code is not loaded.</summary>
    [JsonStringEnumMemberName("disabled")]
    Disabled = 1,

    /// <summary>The plugin is loaded but the licence does not cover it for the database asked about.</summary>
    [JsonStringEnumMemberName("unlicensed")]
    Unlicensed = 2,

    /// <summary>
    /// The host refused the plugin before loading any code: its manifest is unreadable or invalid, its paths leave
    /// the plugin folder, it was built for another contract version, or another root already provides its id.
    /// </summary>
    [JsonStringEnumMemberName("notSupported")]
    NotSupported = 3,

    /// <summary>
    /// The manifest was accepted but the plugin's code failed: the entry assembly is missing or cannot be loaded,
    /// the registrar threw, or the plugin does not register a kind its manifest declares.
    /// </summary>
    [JsonStringEnumMemberName("malfunctioned")]
    Malfunctioned = 4,
}
