using Microsoft.AspNetCore.Http;

namespace ProadSync.Web.Security;

/// <summary>Serves the style sheet and the script embedded in this assembly (no CDN, no static-web-assets manifest).</summary>
internal static class EmbeddedAsset
{
    public static IResult Result(string name, string contentType)
    {
        using var stream = typeof(EmbeddedAsset).Assembly.GetManifestResourceStream("ProadSync.Web.Assets." + name)
            ?? throw new InvalidOperationException($"The asset {name} is not embedded.");
        using var reader = new StreamReader(stream);
        return Results.Text(reader.ReadToEnd(), contentType);
    }
}
