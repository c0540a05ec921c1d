using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ProadSync.Abstractions.Plugins;

namespace ProadSync.PluginHost.Loading;

/// <summary>
/// Reads and checks a plugin folder's <c>plugin.json</c> without loading any of the plugin's code.
/// </summary>
internal static partial class PluginManifestReader
{
    public const string FileName = "plugin.json";

    private const int MaxManifestBytes = 64 * 1024;

    private static readonly HashSet<string> KnownProperties = new(StringComparer.Ordinal)
    {
        "id", "name", "version", "contractVersion", "entryAssembly", "kinds", "interface", "description",
    };

    /// <summary>Reads the manifest of a plugin folder and checks everything that can be checked without code.</summary>
    /// <param name="pluginDirectory">The plugin folder (full path).</param>
    /// <returns>The manifest.</returns>
    /// <exception cref="PluginManifestException">The manifest is missing, unreadable or refused.</exception>
    public static PluginManifest Read(string pluginDirectory)
    {
        var path = Path.Combine(pluginDirectory, FileName);
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new PluginManifestException($"The folder has no {FileName}.");
            }

            if (info.Length > MaxManifestBytes)
            {
                throw new PluginManifestException($"The {FileName} is larger than {MaxManifestBytes / 1024} KiB.");
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (IOException ex)
        {
            throw new PluginManifestException($"The {FileName} cannot be read: {ex.Message}", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new PluginManifestException($"The {FileName} cannot be read: {ex.Message}", ex);
        }

        var manifest = Parse(bytes);
        var folderName = Path.GetFileName(Path.TrimEndingDirectorySeparator(pluginDirectory));
        if (!string.Equals(manifest.Id, folderName, StringComparison.Ordinal))
        {
            throw new PluginManifestException(
                $"The manifest id '{manifest.Id}' does not match the plugin folder name '{folderName}'.");
        }

        CheckEntryAssemblyPath(pluginDirectory, manifest.EntryAssembly);
        return manifest;
    }

    /// <summary>Parses and checks the manifest's content (not its paths).</summary>
    /// <param name="utf8Json">The manifest as UTF-8.</param>
    /// <returns>The manifest.</returns>
    /// <exception cref="PluginManifestException">The manifest is not valid.</exception>
    public static PluginManifest Parse(ReadOnlySpan<byte> utf8Json)
    {
        var bytes = utf8Json.ToArray();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions
            {
                AllowTrailingCommas = false,
                CommentHandling = JsonCommentHandling.Disallow,
                MaxDepth = 8,
                AllowDuplicateProperties = false,
            });
        }
        catch (JsonException ex)
        {
            throw new PluginManifestException($"The {FileName} is not valid JSON: {ex.Message}", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new PluginManifestException($"The {FileName} must contain a JSON object.");
            }

            // The contract version comes first: a manifest for a newer contract may carry properties this host
            // does not know, and "needs contract 1.1" is the sentence an administrator needs then.
            var contractVersion = ParseContractVersion(RequiredString(root, "contractVersion"));
            CheckContractVersion(contractVersion);

            foreach (var property in root.EnumerateObject())
            {
                if (!KnownProperties.Contains(property.Name))
                {
                    throw new PluginManifestException($"The manifest has an unknown property '{property.Name}'.");
                }
            }

            var id = RequiredString(root, "id");
            if (!IdPattern().IsMatch(id))
            {
                throw new PluginManifestException(
                    $"The manifest id '{id}' is not valid: use lower-case letters, digits and '-' only.");
            }

            return new PluginManifest
            {
                Id = id,
                Name = RequiredString(root, "name"),
                Version = RequiredString(root, "version"),
                ContractVersion = contractVersion,
                EntryAssembly = RequiredString(root, "entryAssembly"),
                Kinds = ParseKinds(root),
                Interface = OptionalString(root, "interface"),
                Description = OptionalString(root, "description"),
            };
        }
    }

    /// <summary>Refuses an entry assembly path that could leave the plugin folder.</summary>
    /// <param name="pluginDirectory">The plugin folder.</param>
    /// <param name="entryAssembly">The manifest's relative path.</param>
    /// <returns>The entry assembly's full path inside the folder.</returns>
    /// <exception cref="PluginManifestException">The path leaves the folder or is not a relative .dll path.</exception>
    public static string CheckEntryAssemblyPath(string pluginDirectory, string entryAssembly)
    {
        if (Path.IsPathRooted(entryAssembly) || entryAssembly.StartsWith('/') || entryAssembly.StartsWith('\\')
            || entryAssembly.Contains(':', StringComparison.Ordinal))
        {
            throw new PluginManifestException(
                $"The entry assembly '{entryAssembly}' must be a path relative to the plugin folder.");
        }

        var segments = entryAssembly.Split('/', '\\');
        if (segments.Any(s => s is ".." or "." or ""))
        {
            throw new PluginManifestException(
                $"The entry assembly '{entryAssembly}' must not contain '..', '.' or empty path segments.");
        }

        if (!entryAssembly.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            throw new PluginManifestException($"The entry assembly '{entryAssembly}' must be a .dll file.");
        }

        // A plain prefix check on full paths; links are not followed here, and a linked entry assembly is refused.
        var folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(pluginDirectory)) + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(Path.Combine(folder, entryAssembly));
        var comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        if (!full.StartsWith(folder, comparison))
        {
            throw new PluginManifestException($"The entry assembly '{entryAssembly}' lies outside the plugin folder.");
        }

        var file = new FileInfo(full);
        if (file.Exists && file.LinkTarget is not null)
        {
            throw new PluginManifestException(
                $"The entry assembly '{entryAssembly}' is a symbolic link; plugins must ship their files.");
        }

        return full;
    }

    private static Version ParseContractVersion(string text)
    {
        var match = ContractVersionPattern().Match(text);
        if (!match.Success
            || !int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !int.TryParse(match.Groups[2].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
        {
            throw new PluginManifestException($"The contract version '{text}' is not of the form 'major.minor'.");
        }

        return new Version(major, minor);
    }

    private static void CheckContractVersion(Version version)
    {
        var current = Abstractions.ContractVersion.Current;
        if (version.Major != current.Major)
        {
            throw new PluginManifestException(
                $"The plugin was built for contract {version.Major}.{version.Minor}, but this host supports contract {current.Major}.x only.");
        }

        if (version.Minor > current.Minor)
        {
            throw new PluginManifestException(
                $"The plugin needs contract {version.Major}.{version.Minor}, but this host supports up to {current.Major}.{current.Minor}; update the host.");
        }
    }

    private static System.Collections.ObjectModel.ReadOnlyCollection<PluginKind> ParseKinds(JsonElement root)
    {
        if (!root.TryGetProperty("kinds", out var kinds) || kinds.ValueKind == JsonValueKind.Null)
        {
            throw new PluginManifestException("The manifest has no 'kinds'.");
        }

        if (kinds.ValueKind != JsonValueKind.Array || kinds.GetArrayLength() == 0)
        {
            throw new PluginManifestException("The manifest property 'kinds' must be a non-empty array.");
        }

        var result = new List<PluginKind>();
        foreach (var element in kinds.EnumerateArray())
        {
            var kind = element.ValueKind == JsonValueKind.String
                ? element.GetString() switch
                {
                    "calendarTarget" => PluginKind.CalendarTarget,
                    "contactTarget" => PluginKind.ContactTarget,
                    "fieldMapper" => PluginKind.FieldMapper,
                    var other => throw new PluginManifestException(
                        $"The kind '{other}' is unknown: use 'calendarTarget', 'contactTarget' or 'fieldMapper'."),
                }
                : throw new PluginManifestException("The manifest property 'kinds' must contain strings only.");
            if (result.Contains(kind))
            {
                throw new PluginManifestException($"The manifest lists the kind '{element.GetString()}' twice.");
            }

            result.Add(kind);
        }

        return result.AsReadOnly();
    }

    private static string RequiredString(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw new PluginManifestException($"The manifest has no '{name}'.");
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw new PluginManifestException($"The manifest property '{name}' must be a string.");
        }

        var text = value.GetString()!;
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new PluginManifestException($"The manifest property '{name}' must not be empty.");
        }

        return text;
    }

    private static string? OptionalString(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw new PluginManifestException($"The manifest property '{name}' must be a string or null.");
        }

        var text = value.GetString()!;
        return string.IsNullOrWhiteSpace(text)
            ? throw new PluginManifestException($"The manifest property '{name}' must not be empty; leave it out instead.")
            : text;
    }

    [GeneratedRegex("^[a-z0-9-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^([0-9]{1,4})\.([0-9]{1,4})$", RegexOptions.CultureInvariant)]
    private static partial Regex ContractVersionPattern();
}
