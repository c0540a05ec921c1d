using System.Globalization;
using System.Xml.Linq;

namespace ProadSync.FakeEws.Protocol;

/// <summary>GetFolder, FindFolder and folder-id resolution.</summary>
internal sealed partial class EwsHandler
{
    private static FakeFolder ResolveFolder(FakeMailbox mailbox, XElement folderId)
    {
        var id = (string?)folderId.Attribute("Id") ?? throw EwsFaultException.Schema($"{folderId.Name.LocalName} requires the Id attribute.");
        switch (folderId.Name.LocalName)
        {
            case "DistinguishedFolderId":
                var owner = folderId.Element(EwsNames.T + "Mailbox")?.Element(EwsNames.T + "EmailAddress")?.Value;
                if (owner is not null && !owner.StartsWith(mailbox.User, StringComparison.OrdinalIgnoreCase))
                {
                    throw new EwsItemException("ErrorAccessDenied", "Access is denied. Check credentials and try again.");
                }

                return mailbox.FoldersByName.TryGetValue(id, out var named)
                    ? named
                    : throw new EwsItemException("ErrorFolderNotFound", "The specified folder could not be found in the store.");
            case "FolderId":
                return mailbox.FoldersById.TryGetValue(id, out var byId)
                    ? byId
                    : throw new EwsItemException(id.StartsWith("FAQu", StringComparison.Ordinal) ? "ErrorFolderNotFound" : "ErrorInvalidIdMalformed",
                        "The specified folder could not be found in the store.");
            default:
                throw EwsFaultException.Schema($"The element '{folderId.Name.LocalName}' is not a folder id.");
        }
    }

    private static XElement RenderFolder(FakeMailbox mailbox, FakeFolder folder)
    {
        var element = new XElement(EwsNames.T + folder.FolderElement,
            new XElement(EwsNames.T + "FolderId", new XAttribute("Id", folder.Id), new XAttribute("ChangeKey", "AQAAABYAAAA=")));
        if (folder.ParentId is not null)
        {
            element.Add(new XElement(EwsNames.T + "ParentFolderId", new XAttribute("Id", folder.ParentId), new XAttribute("ChangeKey", "AQAAAA==")));
        }

        element.Add(
            new XElement(EwsNames.T + "FolderClass", folder.FolderClass),
            new XElement(EwsNames.T + "DisplayName", folder.DisplayName),
            new XElement(EwsNames.T + "TotalCount", folder.Items.Count.ToString(CultureInfo.InvariantCulture)),
            new XElement(EwsNames.T + "ChildFolderCount", mailbox.FoldersById.Values.Count(f => f.ParentId == folder.Id).ToString(CultureInfo.InvariantCulture)));
        if (folder.FolderElement == "Folder")
        {
            element.Add(new XElement(EwsNames.T + "UnreadCount", "0"));
        }

        return element;
    }

    private static List<XElement> GetFolder(OperationContext context, XElement operation)
    {
        _ = operation.Element(EwsNames.M + "FolderShape") ?? throw EwsFaultException.Schema("GetFolder requires FolderShape.");
        var ids = operation.Element(EwsNames.M + "FolderIds")?.Elements().ToList() ?? throw EwsFaultException.Schema("GetFolder requires FolderIds.");
        lock (context.Mailbox.Sync)
        {
            return ids.Select(id => Message("GetFolder", context, () =>
            [
                new XElement(EwsNames.M + "Folders", RenderFolder(context.Mailbox, ResolveFolder(context.Mailbox, id))),
            ])).ToList();
        }
    }

    private static List<XElement> FindFolder(OperationContext context, XElement operation)
    {
        var deep = (string?)operation.Attribute("Traversal") == "Deep";
        var parents = operation.Element(EwsNames.M + "ParentFolderIds")?.Elements().ToList() ?? throw EwsFaultException.Schema("FindFolder requires ParentFolderIds.");
        lock (context.Mailbox.Sync)
        {
            return parents.Select(p => Message("FindFolder", context, () =>
            {
                var parent = ResolveFolder(context.Mailbox, p);
                var found = new List<FakeFolder>();
                var queue = new Queue<string>([parent.Id]);
                while (queue.Count > 0)
                {
                    var current = queue.Dequeue();
                    foreach (var child in context.Mailbox.FoldersById.Values.Where(f => f.ParentId == current))
                    {
                        found.Add(child);
                        if (deep)
                        {
                            queue.Enqueue(child.Id);
                        }
                    }
                }

                return
                [
                    new XElement(EwsNames.M + "RootFolder",
                        new XAttribute("IndexedPagingOffset", found.Count.ToString(CultureInfo.InvariantCulture)),
                        new XAttribute("TotalItemsInView", found.Count.ToString(CultureInfo.InvariantCulture)),
                        new XAttribute("IncludesLastItemInRange", "true"),
                        new XElement(EwsNames.T + "Folders", found.Select(f => RenderFolder(context.Mailbox, f)))),
                ];
            })).ToList();
        }
    }
}
