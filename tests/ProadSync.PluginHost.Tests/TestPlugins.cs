using System.Reflection;

namespace ProadSync.PluginHost.Tests;

/// <summary>Where the built test plugins are, and a fresh temporary plugin root per test.</summary>
internal sealed class TestPlugins : IDisposable
{
    public TestPlugins()
    {
        TempDirectory = Path.Combine(Path.GetTempPath(), "proadsync-plugin-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(TempDirectory);
    }

    /// <summary>The folder the test plugin projects lay themselves out in (set by the csproj from the repo root).</summary>
    public static string BuiltRoot { get; } =
        typeof(TestPlugins).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "TestPluginsRoot").Value!;

    public string TempDirectory { get; }

    /// <summary>Creates (if needed) a root directory under the temporary folder.</summary>
    public string Root(string name = "root")
    {
        var path = Path.Combine(TempDirectory, name);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Copies a built test plugin into a root, optionally under another folder name.</summary>
    public string Copy(string pluginId, string root, string? folderName = null)
    {
        var source = Path.Combine(BuiltRoot, pluginId);
        if (!Directory.Exists(source))
        {
            throw new InvalidOperationException($"The test plugin '{pluginId}' was not built into {BuiltRoot}.");
        }

        var target = Path.Combine(root, folderName ?? pluginId);
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }

    /// <summary>Writes a plugin folder holding only the given manifest text.</summary>
    public string WriteManifestOnly(string root, string folderName, string manifestJson)
    {
        var folder = Path.Combine(root, folderName);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "plugin.json"), manifestJson);
        return folder;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(TempDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the temp folder is cleaned by the system otherwise.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
