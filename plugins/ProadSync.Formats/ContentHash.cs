using System.Security.Cryptography;
using System.Text;

namespace ProadSync.Formats;

/// <summary>Content hashes used as item versions where a target has no ETag of its own.</summary>
public static class ContentHash
{
    /// <summary>The SHA-256 of the UTF-8 bytes of <paramref name="text"/>, as 64 lower-case hex digits.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The hash.</returns>
    public static string Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Of(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>The SHA-256 of <paramref name="bytes"/>, as 64 lower-case hex digits.</summary>
    /// <param name="bytes">The bytes.</param>
    /// <returns>The hash.</returns>
    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>The SHA-256 of the rest of <paramref name="stream"/>, as 64 lower-case hex digits.</summary>
    /// <param name="stream">The stream, read to its end.</param>
    /// <returns>The hash.</returns>
    public static string Of(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
