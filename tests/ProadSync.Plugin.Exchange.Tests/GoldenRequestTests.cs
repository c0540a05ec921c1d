using System.Xml.Linq;
using ProadSync.Abstractions.Models;
using ProadSync.Plugin.Exchange.Ews;

namespace ProadSync.Plugin.Exchange.Tests;

/// <summary>
/// Pins the SOAP the connector sends, per operation, against golden files that were checked by hand against the
/// shapes of Microsoft's EWS reference pages (element names, namespaces, required attributes, element order).
/// Set PROADSYNC_UPDATE_GOLDEN=1 to rewrite the files after a deliberate change, then review the diff.
/// </summary>
public sealed class GoldenRequestTests
{
    private static readonly CalendarItem Appointment = new()
    {
        Kind = TodoKind.Appointment,
        Subject = "Planning Meeting",
        Description = "Plan the agenda.",
        Start = new DateTimeOffset(2026, 12, 2, 14, 0, 0, TimeSpan.FromHours(1)),
        End = new DateTimeOffset(2026, 12, 2, 15, 0, 0, TimeSpan.FromHours(1)),
        TimeZoneId = "Europe/Berlin",
        Location = "Conference Room 721",
        Priority = Priority.High,
        ShowAs = ShowAs.Busy,
        Reminder = new DateTimeOffset(2026, 12, 2, 13, 0, 0, TimeSpan.FromHours(1)),
        SourceTag = "proad:appointment:42",
    };

    private static readonly CalendarItem TaskItem = new()
    {
        Kind = TodoKind.Task,
        Subject = "My task",
        Description = "Details",
        Start = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(1)),
        End = new DateTimeOffset(2026, 12, 5, 17, 0, 0, TimeSpan.FromHours(1)),
        TimeZoneId = "Europe/Berlin",
        Location = "Office",
        Status = TodoStatus.Cancelled,
    };

    private static readonly ContactData Contact = new()
    {
        FirstName = "Tanja",
        LastName = "Plate",
        Function = "Manager",
        Company = "Blue Yonder Airlines",
        Street = "1234 56th Ave",
        Postcode = "90631",
        City = "La Habra",
        Country = "USA",
        Phone1 = "4255550199",
        Phone2 = "4255550198",
        Mobile = "4255550100",
        Fax = "4255550101",
        Email1 = "tplate@example.com",
        Email2 = "tanja@example.com",
        Website = "https://example.com",
    };

    [Test]
    public void CreateItem_calendar_item_matches_golden_R_COND_4() =>
        AssertGolden("CreateItem-CalendarItem.xml", EwsRequests.CreateItem("calendar", "CalendarItem", CalendarItemMapper.ToProperties(Appointment, "db1:todo:42")));

    [Test]
    public void CreateItem_task_matches_golden_D_6() =>
        AssertGolden("CreateItem-Task.xml", EwsRequests.CreateItem("tasks", "Task", CalendarItemMapper.ToProperties(TaskItem, "db1:todo:43")));

    [Test]
    public void CreateItem_contact_matches_golden_R_CON_2() =>
        AssertGolden("CreateItem-Contact.xml", EwsRequests.CreateItem("contacts", "Contact", ContactMapper.ToProperties(Contact, "db1:contact:7")));

    [Test]
    public void UpdateItem_calendar_item_matches_golden_R_COND_4() =>
        AssertGolden("UpdateItem-CalendarItem.xml",
            EwsRequests.UpdateItem("AAMkAD1", "DwAAABYA", "CalendarItem", CalendarItemMapper.ToProperties(Appointment with { Location = null, Reminder = null }, null)));

    [Test]
    public void UpdateItem_contact_matches_golden() =>
        AssertGolden("UpdateItem-Contact.xml",
            EwsRequests.UpdateItem("AAMkAD2", "EQAAABYi", "Contact", ContactMapper.ToProperties(Contact with { Phone2 = null, Street = null }, null)));

    [Test]
    public void DeleteItem_calendar_item_matches_golden_R_COND_4() =>
        AssertGolden("DeleteItem-CalendarItem.xml", EwsRequests.DeleteItem("AAMkAD1", "CalendarItem"));

    [Test]
    public void DeleteItem_task_matches_golden() =>
        AssertGolden("DeleteItem-Task.xml", EwsRequests.DeleteItem("AAMkAD3", "Task"));

    [Test]
    public void SyncFolderItems_matches_golden() =>
        AssertGolden("SyncFolderItems.xml", EwsRequests.SyncFolderItems("calendar", "H4sIAAAAAAAEAO29B2AcSZY==", 512));

    [Test]
    public void SyncFolderItems_without_state_omits_SyncState() =>
        AssertGolden("SyncFolderItems-Initial.xml", EwsRequests.SyncFolderItems("tasks", null, 100));

    [Test]
    public void GetItem_matches_golden() =>
        AssertGolden("GetItem.xml", EwsRequests.GetItem(["AAMkAD1", "AAMkAD2"], "Text"));

    [Test]
    public void FindItem_by_tag_matches_golden() =>
        AssertGolden("FindItem-ByTag.xml", EwsRequests.FindItem("calendar", 0, 1, "db1:todo:42"));

    [Test]
    public void GetFolder_matches_golden() =>
        AssertGolden("GetFolder.xml", EwsRequests.GetFolder(["calendar", "tasks", "contacts"]));

    [Test]
    [Description("issue 5: with the option impersonate, every request carries ExchangeImpersonation/ConnectingSID/SmtpAddress after RequestServerVersion")]
    public void GetFolder_with_impersonation_matches_golden() =>
        AssertGolden("GetFolder-Impersonation.xml", EwsXml.Impersonate(EwsRequests.GetFolder(["calendar", "tasks", "contacts"]), "alfred@contoso.com"));

    [Test]
    [Description("issue 5: the impersonation header follows a TimeZoneContext too, the header order of Microsoft's impersonation example")]
    public void Impersonation_header_comes_after_RequestServerVersion_and_TimeZoneContext()
    {
        var withZone = XDocument.Parse(EwsRequests.GetFolder(["calendar"]));
        withZone.Root!.Element(EwsXml.Soap + "Header")!.Add(new XElement(EwsXml.T + "TimeZoneContext", new XElement(EwsXml.T + "TimeZoneDefinition", new XAttribute("Id", "UTC"))));
        var header = XDocument.Parse(EwsXml.Impersonate(withZone.ToString(), "a@example.com")).Root!.Element(EwsXml.Soap + "Header")!;
        Assert.That(header.Elements().Select(e => e.Name.LocalName), Is.EqualTo(new[] { "RequestServerVersion", "TimeZoneContext", "ExchangeImpersonation" }));
    }

    [TestCase("CalendarItem")]
    [TestCase("Task")]
    [TestCase("Contact")]
    public void Created_items_follow_the_xsd_sequence(string kind)
    {
        var request = kind switch
        {
            "CalendarItem" => EwsRequests.CreateItem("calendar", kind, CalendarItemMapper.ToProperties(Appointment, "x")),
            "Task" => EwsRequests.CreateItem("tasks", kind, CalendarItemMapper.ToProperties(TaskItem, "x")),
            _ => EwsRequests.CreateItem("contacts", kind, ContactMapper.ToProperties(Contact, "x")),
        };
        var item = XDocument.Parse(request).Descendants(EwsXml.T + kind).Single();
        var positions = item.Elements().Select(e => XsdOrder.Position(kind, e.Name.LocalName)).ToList();
        Assert.That(positions, Is.All.GreaterThanOrEqualTo(0), "every element is known to the schema");
        Assert.That(positions, Is.Ordered, "children follow the xs:sequence");
    }

    [Test]
    public void Every_SetItemField_carries_exactly_one_property()
    {
        var request = XDocument.Parse(EwsRequests.UpdateItem("id", "ck", "Contact", ContactMapper.ToProperties(Contact, null)));
        var sets = request.Descendants(EwsXml.T + "SetItemField").ToList();
        Assert.That(sets, Is.Not.Empty);
        foreach (var set in sets)
        {
            var wrapper = set.Elements().ElementAt(1);
            Assert.That(wrapper.Elements().Count(), Is.EqualTo(1), set.ToString());
            if (wrapper.Elements().Single().Name.LocalName is "EmailAddresses" or "PhoneNumbers" or "PhysicalAddresses")
            {
                var entry = wrapper.Elements().Single().Elements().Single();
                Assert.That(entry.Attribute("Key")!.Value, Is.EqualTo(set.Elements().First().Attribute("FieldIndex")!.Value));
            }
        }
    }

    private static void AssertGolden(string name, string actualXml)
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "Golden", name);
        var actual = XDocument.Parse(actualXml);
        if (Environment.GetEnvironmentVariable("PROADSYNC_UPDATE_GOLDEN") == "1")
        {
            var source = Path.Combine(SourceDirectory(), "Golden", name);
            actual.Save(source);
            Assert.Inconclusive($"Golden file {name} rewritten; review the diff.");
        }

        Assert.That(File.Exists(path), Is.True, $"golden file {name} is missing");
        var expected = XDocument.Load(path);
        Assert.That(XNode.DeepEquals(Normalize(expected), Normalize(actual)), Is.True,
            $"The request differs from Golden/{name}.\nExpected:\n{expected}\nActual:\n{actual}");
    }

    private static XElement Normalize(XDocument document)
    {
        // Compare names, attributes (not namespace declarations) and text; prefixes and whitespace do not matter.
        static XElement Strip(XElement e) => new(e.Name,
            e.Attributes().Where(a => !a.IsNamespaceDeclaration).OrderBy(a => a.Name.ToString(), StringComparer.Ordinal),
            e.HasElements ? e.Elements().Select(Strip) : (object)e.Value);
        return Strip(document.Root!);
    }

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string file = "") => Path.GetDirectoryName(file)!;
}
