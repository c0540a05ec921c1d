using System.Xml.Linq;

namespace ProadSync.Plugin.CalDav.Xml;

/// <summary>One propstat: a status and the properties it applies to.</summary>
/// <param name="Status">The status code.</param>
/// <param name="Props">The property elements.</param>
internal sealed record DavPropStat(int Status, IReadOnlyList<XElement> Props);
