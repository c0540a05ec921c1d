using System.Globalization;
using System.Xml;

namespace ProadSync.Plugin.Exchange.Ews;

/// <summary>
/// Builds the SOAP requests the connector sends, in the element order of the EWS messages.xsd / types.xsd
/// sequences. Pinned by golden-XML tests.
/// </summary>
internal static class EwsRequests
{
    /// <summary>GetFolder for distinguished folders (the connection test).</summary>
    public static string GetFolder(IEnumerable<string> distinguishedIds) => EwsXml.Envelope(w =>
    {
        w.StartM("GetFolder");
        w.StartM("FolderShape");
        w.ElementT("BaseShape", "IdOnly");
        w.WriteEndElement();
        w.StartM("FolderIds");
        foreach (var id in distinguishedIds)
        {
            w.DistinguishedFolder(id);
        }

        w.WriteEndElement();
        w.WriteEndElement();
    });

    /// <summary>CreateItem of one item into a distinguished folder; calendar items never send invitations (R-COND-4).</summary>
    public static string CreateItem(string folder, string itemElement, IReadOnlyList<EwsProperty> properties) => EwsXml.Envelope(w =>
    {
        w.StartM("CreateItem");
        if (itemElement == "CalendarItem")
        {
            w.WriteAttributeString("SendMeetingInvitations", "SendToNone");
        }

        if (itemElement == "Task")
        {
            w.WriteAttributeString("MessageDisposition", "SaveOnly");
        }

        w.StartM("SavedItemFolderId");
        w.DistinguishedFolder(folder);
        w.WriteEndElement();
        w.StartM("Items");
        w.StartT(itemElement);
        WriteProperties(w, properties.Where(p => p.HasValue).ToList());
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
    });

    /// <summary>GetItem with all properties, the body in the requested format and our extended properties.</summary>
    public static string GetItem(IEnumerable<string> ids, string bodyType) => EwsXml.Envelope(w =>
    {
        w.StartM("GetItem");
        w.StartM("ItemShape");
        w.ElementT("BaseShape", "AllProperties");
        w.ElementT("BodyType", bodyType);
        w.StartT("AdditionalProperties");
        foreach (var name in ExtendedProperties.All)
        {
            WriteExtendedUri(w, name);
        }

        w.WriteEndElement();
        w.WriteEndElement();
        w.StartM("ItemIds");
        foreach (var id in ids)
        {
            w.ItemId(id, null);
        }

        w.WriteEndElement();
        w.WriteEndElement();
    });

    /// <summary>GetItem of ids and change keys only (to check a version before a delete).</summary>
    public static string GetItemIdOnly(string id) => EwsXml.Envelope(w =>
    {
        w.StartM("GetItem");
        w.StartM("ItemShape");
        w.ElementT("BaseShape", "IdOnly");
        w.WriteEndElement();
        w.StartM("ItemIds");
        w.ItemId(id, null);
        w.WriteEndElement();
        w.WriteEndElement();
    });

    /// <summary>
    /// UpdateItem of one item, one SetItemField/DeleteItemField per property, guarded by the ChangeKey with
    /// NeverOverwrite; calendar items never send invitations or cancellations (R-COND-4).
    /// </summary>
    public static string UpdateItem(string itemId, string changeKey, string itemElement, IReadOnlyList<EwsProperty> properties) => EwsXml.Envelope(w =>
    {
        w.StartM("UpdateItem");
        w.WriteAttributeString("ConflictResolution", "NeverOverwrite");
        if (itemElement is not "Contact")
        {
            w.WriteAttributeString("MessageDisposition", "SaveOnly");
        }

        if (itemElement == "CalendarItem")
        {
            w.WriteAttributeString("SendMeetingInvitationsOrCancellations", "SendToNone");
        }

        w.StartM("ItemChanges");
        w.StartT("ItemChange");
        w.ItemId(itemId, changeKey);
        w.StartT("Updates");
        foreach (var property in properties)
        {
            w.StartT(property.HasValue ? "SetItemField" : "DeleteItemField");
            WritePath(w, property);
            if (property.HasValue)
            {
                w.StartT(itemElement);
                WriteProperties(w, [property]);
                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
    });

    /// <summary>DeleteItem to Deleted Items (recoverable by the user), never sending cancellations (R-COND-4).</summary>
    public static string DeleteItem(string itemId, string itemElement) => EwsXml.Envelope(w =>
    {
        w.StartM("DeleteItem");
        w.WriteAttributeString("DeleteType", "MoveToDeletedItems");
        if (itemElement == "CalendarItem")
        {
            w.WriteAttributeString("SendMeetingCancellations", "SendToNone");
        }

        if (itemElement == "Task")
        {
            w.WriteAttributeString("AffectedTaskOccurrences", "AllOccurrences");
        }

        w.StartM("ItemIds");
        w.ItemId(itemId, null);
        w.WriteEndElement();
        w.WriteEndElement();
    });

    /// <summary>SyncFolderItems, IdOnly, from a sync state (or from the beginning).</summary>
    public static string SyncFolderItems(string folder, string? syncState, int maxChanges) => EwsXml.Envelope(w =>
    {
        w.StartM("SyncFolderItems");
        w.StartM("ItemShape");
        w.ElementT("BaseShape", "IdOnly");
        w.WriteEndElement();
        w.StartM("SyncFolderId");
        w.DistinguishedFolder(folder);
        w.WriteEndElement();
        if (syncState is not null)
        {
            w.ElementM("SyncState", syncState);
        }

        w.ElementM("MaxChangesReturned", maxChanges.ToString(CultureInfo.InvariantCulture));
        w.ElementM("SyncScope", "NormalItems");
        w.WriteEndElement();
    });

    /// <summary>FindItem, IdOnly, one page; with <paramref name="identity"/> restricted to items carrying our tag with that value.</summary>
    public static string FindItem(string folder, int offset, int maxEntries, string? identity) => EwsXml.Envelope(w =>
    {
        w.StartM("FindItem");
        w.WriteAttributeString("Traversal", "Shallow");
        w.StartM("ItemShape");
        w.ElementT("BaseShape", "IdOnly");
        w.WriteEndElement();
        w.StartM("IndexedPageItemView");
        w.WriteAttributeString("MaxEntriesReturned", maxEntries.ToString(CultureInfo.InvariantCulture));
        w.WriteAttributeString("Offset", offset.ToString(CultureInfo.InvariantCulture));
        w.WriteAttributeString("BasePoint", "Beginning");
        w.WriteEndElement();
        if (identity is not null)
        {
            w.StartM("Restriction");
            w.StartT("IsEqualTo");
            WriteExtendedUri(w, ExtendedProperties.Identity);
            w.StartT("FieldURIOrConstant");
            w.StartT("Constant");
            w.WriteAttributeString("Value", identity);
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        }

        w.StartM("ParentFolderIds");
        w.DistinguishedFolder(folder);
        w.WriteEndElement();
        w.WriteEndElement();
    });

    private static void WriteExtendedUri(XmlWriter w, string name)
    {
        w.StartT("ExtendedFieldURI");
        w.WriteAttributeString("DistinguishedPropertySetId", ExtendedProperties.PropertySet);
        w.WriteAttributeString("PropertyName", name);
        w.WriteAttributeString("PropertyType", "String");
        w.WriteEndElement();
    }

    private static void WritePath(XmlWriter w, EwsProperty property)
    {
        switch (property.Kind)
        {
            case EwsPathKind.Field:
                w.StartT("FieldURI");
                w.WriteAttributeString("FieldURI", property.Uri);
                w.WriteEndElement();
                break;
            case EwsPathKind.Indexed:
                w.StartT("IndexedFieldURI");
                w.WriteAttributeString("FieldURI", property.Uri);
                w.WriteAttributeString("FieldIndex", property.Index);
                w.WriteEndElement();
                break;
            default:
                WriteExtendedUri(w, property.Uri);
                break;
        }
    }

    /// <summary>Writes properties in the given (schema) order; consecutive entries of one dictionary share its element.</summary>
    private static void WriteProperties(XmlWriter w, List<EwsProperty> properties)
    {
        for (var i = 0; i < properties.Count;)
        {
            var property = properties[i];
            if (property.Kind != EwsPathKind.Indexed)
            {
                WriteSimple(w, property);
                i++;
                continue;
            }

            w.StartT(property.Element);
            while (i < properties.Count && properties[i].Kind == EwsPathKind.Indexed && properties[i].Element == property.Element)
            {
                var key = properties[i].Index!;
                w.StartT("Entry");
                w.WriteAttributeString("Key", key);
                if (properties[i].Member is null)
                {
                    w.WriteString(properties[i].Text);
                    i++;
                }
                else
                {
                    while (i < properties.Count && properties[i].Element == property.Element && properties[i].Index == key)
                    {
                        w.ElementT(properties[i].Member!, properties[i].Text!);
                        i++;
                    }
                }

                w.WriteEndElement();
            }

            w.WriteEndElement();
        }
    }

    private static void WriteSimple(XmlWriter w, EwsProperty property)
    {
        if (property.Kind == EwsPathKind.Extended)
        {
            w.StartT("ExtendedProperty");
            WriteExtendedUri(w, property.Uri);
            w.ElementT("Value", property.Text!);
            w.WriteEndElement();
            return;
        }

        w.StartT(property.Element);
        if (property.Attribute is { } attribute)
        {
            w.WriteAttributeString(attribute.Name, attribute.Value);
        }

        if (property.Text is not null)
        {
            w.WriteString(property.Text);
        }

        w.WriteEndElement();
    }
}
