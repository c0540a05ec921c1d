using System.CommandLine;
using ProadSync.Abstractions.Models;
using ProadSync.Cli.Output;
using ProadSync.Cli.Parsing;
using ProadSync.Core.Leading;

namespace ProadSync.Cli.Commands;

/// <summary><c>contacts add|update|delete|list</c>: the contact master data exported to address books (SPEC §8).</summary>
internal static class ContactsCommand
{
    private static readonly (string Name, string Description, Func<ContactData, string?, ContactData> Set)[] Fields =
    [
        ("--first-name", "First name.", (c, v) => c with { FirstName = v }),
        ("--last-name", "Last name.", (c, v) => c with { LastName = v }),
        ("--function", "Function (job title).", (c, v) => c with { Function = v }),
        ("--company", "Company.", (c, v) => c with { Company = v }),
        ("--street", "Street.", (c, v) => c with { Street = v }),
        ("--postcode", "Postcode.", (c, v) => c with { Postcode = v }),
        ("--city", "City.", (c, v) => c with { City = v }),
        ("--country", "Country.", (c, v) => c with { Country = v }),
        ("--phone1", "Phone 1.", (c, v) => c with { Phone1 = v }),
        ("--phone2", "Phone 2.", (c, v) => c with { Phone2 = v }),
        ("--mobile", "Mobile.", (c, v) => c with { Mobile = v }),
        ("--fax", "Fax.", (c, v) => c with { Fax = v }),
        ("--email1", "E-mail 1.", (c, v) => c with { Email1 = v }),
        ("--email2", "E-mail 2.", (c, v) => c with { Email2 = v }),
        ("--website", "Web site.", (c, v) => c with { Website = v }),
    ];

    public static Command Create(CliEnvironment environment)
    {
        var command = new Command("contacts", "Contact master data (exported to the users' address books).");
        command.Subcommands.Add(Edit(environment, isAdd: true));
        command.Subcommands.Add(Edit(environment, isAdd: false));

        var deleteDb = new Argument<string>("DB") { Description = "The database." };
        var deleteId = new Argument<long>("ID") { Description = "The contact's id." };
        var delete = new Command("delete", "Delete a contact (external copies are not removed, SPEC R-CON-6).") { deleteDb, deleteId };
        CliApp.SetHandler(delete, environment, async (ctx, parse, ct) =>
        {
            var store = await ctx.OpenDatabaseAsync(parse.GetValue(deleteDb)!, ct);
            var id = parse.GetValue(deleteId);
            if (!await store.DeleteContactAsync(id, ct))
            {
                throw new CliException($"There is no contact {id} in database '{store.Database.Name}'.");
            }

            ctx.Output.Emit(new { id, deleted = true }, c => c.WriteLine($"Contact {id} deleted."));
        });
        command.Subcommands.Add(delete);

        var listDb = new Argument<string>("DB") { Description = "The database." };
        var list = new Command("list", "List the contacts.") { listDb };
        CliApp.SetHandler(list, environment, async (ctx, parse, ct) =>
        {
            var store = await ctx.OpenDatabaseAsync(parse.GetValue(listDb)!, ct);
            var contacts = await store.ListContactsAsync(activeOnly: false, ct);
            var rows = contacts.Select(View).ToList();
            ctx.Output.Emit(rows, c =>
            {
                var table = CliOutput.Table("id", "name", "company", "e-mail", "phone", "active");
                foreach (var k in contacts)
                {
                    table.AddRow(CliOutput.Cells(k.Id, $"{k.Data.FirstName} {k.Data.LastName}".Trim(), k.Data.Company, k.Data.Email1, k.Data.Phone1, k.Active));
                }

                c.Write(table);
            });
        });
        command.Subcommands.Add(list);
        return command;
    }

    private static Command Edit(CliEnvironment environment, bool isAdd)
    {
        var db = new Argument<string>("DB") { Description = "The database." };
        var id = new Argument<long>("ID") { Description = "The contact's id." };
        var active = new Option<string?>("--active") { Description = "true | false (only active contacts are exported)." };
        var options = Fields.Select(f => (Option: new Option<string?>(f.Name) { Description = f.Description }, f.Set)).ToList();
        var command = isAdd ? new Command("add", "Add a contact; prints its id.") { db } : new Command("update", "Change a contact; only the options given change.") { db, id };
        command.Options.Add(active);
        foreach (var (option, _) in options)
        {
            command.Options.Add(option);
        }

        CliApp.SetHandler(command, environment, async (ctx, parse, ct) =>
        {
            var store = await ctx.OpenDatabaseAsync(parse.GetValue(db)!, ct);
            Contact? existing = null;
            if (!isAdd)
            {
                existing = await store.GetContactAsync(parse.GetValue(id), ct)
                    ?? throw new CliException($"There is no contact {parse.GetValue(id)} in database '{store.Database.Name}'.");
            }

            var data = existing?.Data ?? new ContactData();
            foreach (var (option, set) in options)
            {
                if (parse.GetValue(option) is { } value)
                {
                    data = set(data, value.Length == 0 ? null : value);
                }
            }

            var isActive = parse.GetValue(active) is { } a ? ValueParser.ParseBool(a, "--active") : existing?.Active ?? true;
            var saved = existing is null
                ? await store.AddContactAsync(data, isActive, ct)
                : await store.UpdateContactAsync(existing.Id, data, isActive, ct);
            ctx.Output.Emit(new { id = saved.Id }, c => c.WriteLine(isAdd
                ? saved.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : $"Contact {saved.Id} updated."));
        });
        return command;
    }

    private static object View(Contact k) => new
    {
        id = k.Id,
        firstName = k.Data.FirstName,
        lastName = k.Data.LastName,
        function = k.Data.Function,
        company = k.Data.Company,
        street = k.Data.Street,
        postcode = k.Data.Postcode,
        city = k.Data.City,
        country = k.Data.Country,
        phone1 = k.Data.Phone1,
        phone2 = k.Data.Phone2,
        mobile = k.Data.Mobile,
        fax = k.Data.Fax,
        email1 = k.Data.Email1,
        email2 = k.Data.Email2,
        website = k.Data.Website,
        active = k.Active,
    };
}
