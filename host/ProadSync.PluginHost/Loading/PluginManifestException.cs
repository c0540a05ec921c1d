namespace ProadSync.PluginHost.Loading;

/// <summary>A manifest the host refuses; the message is one sentence for an administrator.</summary>
internal sealed class PluginManifestException : Exception
{
    public PluginManifestException(string message)
        : base(message)
    {
    }

    public PluginManifestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PluginManifestException()
    {
    }
}
