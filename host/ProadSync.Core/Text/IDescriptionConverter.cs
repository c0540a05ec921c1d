namespace ProadSync.Core.Text;

/// <summary>Turns an incoming HTML description into the plain text the leading system keeps (SPEC R-NOTE-1).</summary>
/// <remarks>The engine depends only on this interface so the rendering can be replaced (for example by a template).</remarks>
public interface IDescriptionConverter
{
    /// <summary>Converts HTML to readable plain text with <c>\n</c> line endings.</summary>
    /// <param name="html">The HTML (a fragment or a whole document).</param>
    /// <returns>The plain text; never <see langword="null"/>.</returns>
    string ToPlainText(string html);
}
