using Microsoft.Data.Sqlite;
using ProadSync.Abstractions.Models;
using ProadSync.Core.Leading;

namespace ProadSync.Storage.Sqlite;

/// <content>Contacts (SPEC section 8).</content>
internal sealed partial class SqliteLeadingSystem
{
    /// <inheritdoc />
    public Task<Contact> AddContactAsync(ContactData data, bool active, CancellationToken cancellationToken)
    {
        ValidateContact(data);
        return db.WriteAsync((c, tx) =>
        {
            using var insert = c.Command(tx, """
                INSERT INTO contacts (id, first_name, last_name, function, company, street, postcode, city, country, phone1, phone2,
                                      mobile, fax, email1, email2, website, source_tag, active, revision, modified_at)
                VALUES ((SELECT MAX((SELECT value FROM id_high_water WHERE name = 'contacts'), COALESCE((SELECT MAX(id) FROM contacts), 0)) + 1),
                        $firstName, $lastName, $function, $company, $street, $postcode, $city, $country, $phone1, $phone2,
                        $mobile, $fax, $email1, $email2, $website, $sourceTag, $active, 1, $now)
                RETURNING id;
                """);
            BindContact(insert, data).With("$active", active).With("$now", Now());
            var id = insert.ScalarLong()!.Value;
            return ReadContact(c, tx, id)!;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<Contact> UpdateContactAsync(long id, ContactData data, bool active, CancellationToken cancellationToken)
    {
        ValidateContact(data);
        return db.WriteAsync((c, tx) =>
        {
            using var update = c.Command(tx, """
                UPDATE contacts SET first_name = $firstName, last_name = $lastName, function = $function, company = $company,
                       street = $street, postcode = $postcode, city = $city, country = $country, phone1 = $phone1, phone2 = $phone2,
                       mobile = $mobile, fax = $fax, email1 = $email1, email2 = $email2, website = $website, source_tag = $sourceTag,
                       active = $active, revision = revision + 1, modified_at = $now
                WHERE id = $id;
                """);
            BindContact(update, data).With("$active", active).With("$now", Now()).With("$id", id);
            if (update.ExecuteNonQuery() == 0)
            {
                throw new LeadingValidationException($"Contact {id} does not exist, so it cannot be changed.");
            }

            return ReadContact(c, tx, id)!;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> DeleteContactAsync(long id, CancellationToken cancellationToken) =>
        db.WriteAsync((c, tx) =>
        {
            using var delete = c.Command(tx, "DELETE FROM contacts WHERE id = $id;").With("$id", id);
            return delete.ExecuteNonQuery() > 0;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<Contact?> GetContactAsync(long id, CancellationToken cancellationToken) =>
        db.ReadAsync(c => ReadContact(c, null, id), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Contact>> ListContactsAsync(bool activeOnly, CancellationToken cancellationToken) =>
        db.ReadAsync<IReadOnlyList<Contact>>(c =>
        {
            using var select = c.Command(null, "SELECT * FROM contacts WHERE ($activeOnly = 0 OR active = 1) ORDER BY id;").With("$activeOnly", activeOnly);
            return ReadContacts(select);
        }, cancellationToken);

    private static void ValidateContact(ContactData data)
    {
        if (data is null)
        {
            throw new LeadingValidationException("A contact needs its fields; none were given.");
        }
    }

    private static SqliteCommand BindContact(SqliteCommand command, ContactData data) =>
        command.With("$firstName", data.FirstName)
            .With("$lastName", data.LastName)
            .With("$function", data.Function)
            .With("$company", data.Company)
            .With("$street", data.Street)
            .With("$postcode", data.Postcode)
            .With("$city", data.City)
            .With("$country", data.Country)
            .With("$phone1", data.Phone1)
            .With("$phone2", data.Phone2)
            .With("$mobile", data.Mobile)
            .With("$fax", data.Fax)
            .With("$email1", data.Email1)
            .With("$email2", data.Email2)
            .With("$website", data.Website)
            .With("$sourceTag", data.SourceTag);

    private static Contact? ReadContact(SqliteConnection c, SqliteTransaction? tx, long id)
    {
        using var select = c.Command(tx, "SELECT * FROM contacts WHERE id = $id;").With("$id", id);
        return ReadContacts(select).FirstOrDefault();
    }

    private static List<Contact> ReadContacts(SqliteCommand command)
    {
        var contacts = new List<Contact>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var data = new ContactData
            {
                FirstName = reader.Text("first_name"),
                LastName = reader.Text("last_name"),
                Function = reader.Text("function"),
                Company = reader.Text("company"),
                Street = reader.Text("street"),
                Postcode = reader.Text("postcode"),
                City = reader.Text("city"),
                Country = reader.Text("country"),
                Phone1 = reader.Text("phone1"),
                Phone2 = reader.Text("phone2"),
                Mobile = reader.Text("mobile"),
                Fax = reader.Text("fax"),
                Email1 = reader.Text("email1"),
                Email2 = reader.Text("email2"),
                Website = reader.Text("website"),
                SourceTag = reader.Text("source_tag"),
            };
            contacts.Add(new Contact(reader.Long("id"), data, reader.Bool("active"), reader.Long("revision"), reader.RequiredTime("modified_at")));
        }

        return contacts;
    }
}
