using System.IO.Compression;

namespace ProadSync.Plugins.Http;

/// <summary>
/// Undoes the content codings of an answer (<c>Content-Encoding: gzip</c>, <c>deflate</c>, <c>br</c>) on a body
/// already read, so a body that is marked as compressed but is not can be told apart from a broken connection.
/// </summary>
internal static class ContentCoding
{
    /// <summary>The codings asked for in <c>Accept-Encoding</c>.</summary>
    public const string Accepted = "gzip, deflate";

    /// <summary>The codings to undo, outermost first (the last one listed was applied last); identity is dropped.</summary>
    /// <param name="listed">The values of <c>Content-Encoding</c>.</param>
    /// <returns>The codings in lower case.</returns>
    public static IReadOnlyList<string> ToUndo(IEnumerable<string> listed) =>
        listed.Select(c => c.Trim().ToLowerInvariant()).Where(c => c is { Length: > 0 } and not "identity").Reverse().ToList();

    /// <summary>Whether the coding can be undone here.</summary>
    /// <param name="coding">A coding from <see cref="ToUndo"/>.</param>
    /// <returns><see langword="true"/> for gzip, x-gzip, deflate and br.</returns>
    public static bool IsKnown(string coding) => coding is "gzip" or "x-gzip" or "deflate" or "br";

    /// <summary>
    /// Undoes every coding listed in <c>Content-Encoding</c>, outermost first. <paramref name="body"/> is handed back
    /// when there is nothing to undo; otherwise it is disposed and the decoded body is returned.
    /// </summary>
    /// <param name="body">The body as read (with its size already capped).</param>
    /// <param name="listed">The values of <c>Content-Encoding</c>.</param>
    /// <param name="cap">The largest decoded size.</param>
    /// <returns>The decoded body.</returns>
    /// <exception cref="ContentCodingException">A coding is unknown, the body is not in its coding, or it decodes to more than <paramref name="cap"/> bytes; <paramref name="body"/> is disposed.</exception>
    public static MemoryStream UndoAll(MemoryStream body, IEnumerable<string> listed, long cap)
    {
        if (body.Length == 0)
        {
            return body;
        }

        foreach (var coding in ToUndo(listed))
        {
            if (!IsKnown(coding))
            {
                body.Dispose();
                throw new ContentCodingException(ContentCodingProblem.Unknown, coding);
            }

            MemoryStream? decoded;
            try
            {
                decoded = Decode(body, coding, cap);
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException)
            {
                throw new ContentCodingException(ContentCodingProblem.Corrupt, coding, ex);
            }
            finally
            {
                body.Dispose();
            }

            body = decoded ?? throw new ContentCodingException(ContentCodingProblem.TooLarge, coding);
        }

        return body;
    }

    /// <summary>Decompresses <paramref name="body"/> by one coding, refusing more than <paramref name="cap"/> bytes.</summary>
    /// <param name="body">The coded bytes.</param>
    /// <param name="coding">A known coding.</param>
    /// <param name="cap">The largest decoded size.</param>
    /// <returns>The decoded bytes, or <see langword="null"/> when they exceed <paramref name="cap"/>.</returns>
    /// <exception cref="InvalidDataException">The body is not in that coding.</exception>
    private static MemoryStream? Decode(MemoryStream body, string coding, long cap)
    {
        body.Position = 0;
        using Stream decoder = coding switch
        {
            "gzip" or "x-gzip" => new GZipStream(body, CompressionMode.Decompress, leaveOpen: true),
            "br" => new BrotliStream(body, CompressionMode.Decompress, leaveOpen: true),
            // HTTP's "deflate" is the zlib format; some servers send raw deflate. A zlib header is 0x?8 with a check.
            _ when body.Length >= 2 && (body.GetBuffer()[0] & 0x0F) == 8 && ((body.GetBuffer()[0] << 8) | body.GetBuffer()[1]) % 31 == 0 =>
                new ZLibStream(body, CompressionMode.Decompress, leaveOpen: true),
            _ => new DeflateStream(body, CompressionMode.Decompress, leaveOpen: true),
        };
        var decoded = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = decoder.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (decoded.Length + read > cap)
            {
                decoded.Dispose();
                return null;
            }

            decoded.Write(chunk, 0, read);
        }

        return decoded;
    }
}

/// <summary>What went wrong undoing a content coding.</summary>
internal enum ContentCodingProblem
{
    /// <summary>A coding this client cannot undo.</summary>
    Unknown,

    /// <summary>The body is not in the coding it is marked with.</summary>
    Corrupt,

    /// <summary>The decoded body exceeds the size cap.</summary>
    TooLarge,
}

/// <summary>A body's content coding could not be undone; each client turns it into its own typed error.</summary>
/// <param name="problem">What went wrong.</param>
/// <param name="coding">The coding concerned.</param>
/// <param name="inner">The decompressor's error, for <see cref="ContentCodingProblem.Corrupt"/>.</param>
internal sealed class ContentCodingException(ContentCodingProblem problem, string coding, Exception? inner = null)
    : Exception($"Content coding '{coding}': {problem}.", inner)
{
    /// <summary>What went wrong.</summary>
    public ContentCodingProblem Problem { get; } = problem;

    /// <summary>The coding concerned.</summary>
    public string Coding { get; } = coding;
}
