namespace ProadSync.Core.Text;

/// <summary>Normalisation of plain-text descriptions, so that round trips never make a text grow (SPEC R-NOTE-2).</summary>
public static class DescriptionText
{
    /// <summary>Normalises line endings to <c>\n</c> and trims trailing white space of every line and of the text.</summary>
    /// <param name="text">The text, or <see langword="null"/>.</param>
    /// <returns>The normalised text; empty for <see langword="null"/>.</returns>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            lines[i] = lines[i].TrimEnd();
        }

        return string.Join('\n', lines).Trim('\n');
    }

    /// <summary>
    /// The text with every run of line breaks folded to one: the form two descriptions are compared in, so a server
    /// that doubles line breaks never causes a change (SPEC R-NOTE-2).
    /// </summary>
    /// <param name="text">The text, or <see langword="null"/>.</param>
    /// <returns>The folded, normalised text.</returns>
    public static string Fold(string? text)
    {
        var normalized = Normalize(text);
        while (normalized.Contains("\n\n", StringComparison.Ordinal))
        {
            normalized = normalized.Replace("\n\n", "\n", StringComparison.Ordinal);
        }

        return normalized;
    }

    /// <summary>Whether two descriptions say the same after normalisation and folding of doubled line breaks.</summary>
    /// <param name="a">One text.</param>
    /// <param name="b">The other text.</param>
    /// <returns><see langword="true"/> when they are the same for the purpose of change detection.</returns>
    public static bool AreEquivalent(string? a, string? b) => string.Equals(Fold(a), Fold(b), StringComparison.Ordinal);
}
