using ProadSync.Core.Leading;

namespace ProadSync.Storage.Tests;

public class UserTests : StoreTestBase
{
    [Test]
    public async Task Added_user_round_trips_and_is_found_by_login_regardless_of_case()
    {
        var added = await Store.AddUserAsync("Jürgen.Groß", "Jürgen Groß 日本", mayConfigureSync: true, Ct);

        var found = await Store.FindUserAsync("jürgen.groß", Ct);
        var byId = await Store.GetUserAsync(added.Id, Ct);

        Assert.That(added.Id, Is.GreaterThan(0));
        Assert.That(byId, Is.EqualTo(added));
        Assert.That(found?.Id, Is.EqualTo(added.Id));
        Assert.That(found!.DisplayName, Is.EqualTo("Jürgen Groß 日本"));
        Assert.That(found.MayConfigureSync, Is.True);
        Assert.That(found.IsAdmin, Is.False);
        Assert.That(found.PasswordHash, Is.Null);
    }

    [Test]
    public async Task Login_that_differs_only_in_case_is_refused()
    {
        await Store.AddUserAsync("anna", "Anna", false, Ct);

        var ex = Assert.ThrowsAsync<LeadingValidationException>(() => Store.AddUserAsync("ANNA", "Other", false, Ct));
        Assert.That(ex!.Message, Does.Contain("exists already"));
        Assert.That(await Store.ListUsersAsync(Ct), Has.Count.EqualTo(1));
    }

    [TestCase("")]
    [TestCase("   ")]
    public void Empty_login_is_refused(string login) =>
        Assert.ThrowsAsync<LeadingValidationException>(() => Store.AddUserAsync(login, "x", false, Ct));

    [Test]
    public async Task Update_changes_flags_password_hash_and_names()
    {
        var user = await Store.AddUserAsync("bob", "Bob", false, Ct);

        await Store.UpdateUserAsync(user with { DisplayName = "Robert", MayConfigureSync = true, IsAdmin = true, PasswordHash = "$argon2id$v=19$abc" }, Ct);

        var read = await Store.GetUserAsync(user.Id, Ct);
        Assert.That(read, Is.EqualTo(user with { DisplayName = "Robert", MayConfigureSync = true, IsAdmin = true, PasswordHash = "$argon2id$v=19$abc" }));
    }

    [Test]
    public async Task Update_of_a_missing_user_or_to_a_taken_login_is_refused()
    {
        var anna = await Store.AddUserAsync("anna", "Anna", false, Ct);
        await Store.AddUserAsync("bob", "Bob", false, Ct);

        Assert.ThrowsAsync<LeadingValidationException>(() => Store.UpdateUserAsync(new LeadingUser(999, "x", "x", false), Ct));
        Assert.ThrowsAsync<LeadingValidationException>(() => Store.UpdateUserAsync(anna with { Login = "Bob" }, Ct));
        Assert.That((await Store.GetUserAsync(anna.Id, Ct))!.Login, Is.EqualTo("anna"));
    }

    [Test]
    public async Task Users_are_listed_by_login()
    {
        await Store.AddUserAsync("carl", "C", false, Ct);
        await Store.AddUserAsync("anna", "A", false, Ct);
        await Store.AddUserAsync("Bob", "B", false, Ct);

        var logins = (await Store.ListUsersAsync(Ct)).Select(u => u.Login);

        Assert.That(logins, Is.EqualTo(new[] { "anna", "Bob", "carl" }));
    }

    [Test]
    public async Task Missing_user_is_null()
    {
        Assert.That(await Store.GetUserAsync(42, Ct), Is.Null);
        Assert.That(await Store.FindUserAsync("nobody", Ct), Is.Null);
    }
}
