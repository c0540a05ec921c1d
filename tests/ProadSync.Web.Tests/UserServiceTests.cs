using Microsoft.Extensions.Logging.Abstractions;
using ProadSync.Core.Leading;
using ProadSync.Hosting;
using ProadSync.Hosting.Users;

namespace ProadSync.Web.Tests;

/// <summary>The Hosting service behind the sign-in: Identity password hashes set by an admin, the admin role, the session stamp.</summary>
[TestFixture]
public sealed class UserServiceTests
{
    private string _root = null!;
    private HostServices _services = null!;

    [SetUp]
    public async Task SetUp()
    {
        _root = Path.Combine(Path.GetTempPath(), "proadsync-users-" + Guid.NewGuid().ToString("N"));
        _services = await HostServices.CreateAsync(ProadSyncHome.Resolve(_root, null), TimeProvider.System, NullLoggerFactory.Instance, [], CancellationToken.None);
        await _services.Catalog.AddDatabaseAsync("acme", null, "UTC", CancellationToken.None);
        await using var store = await _services.Catalog.OpenAsync("acme", CancellationToken.None);
        await store.AddUserAsync("anna", "Anna", true, CancellationToken.None);
    }

    [TearDown]
    public async Task TearDown()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    private async Task<LeadingUser> AnnaAsync()
    {
        await using var store = await _services.Catalog.OpenAsync("acme", CancellationToken.None);
        return (await store.FindUserAsync("anna", CancellationToken.None))!;
    }

    [Test]
    public async Task A_user_without_a_password_cannot_sign_in()
    {
        Assert.That(await _services.Users.VerifyPasswordAsync("acme", "anna", "anything-at-all", CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task The_password_is_stored_as_an_identity_hash_and_verified()
    {
        await _services.Users.SetPasswordAsync("acme", "anna", "correct horse battery", CancellationToken.None);
        var anna = await AnnaAsync();
        Assert.That(anna.PasswordHash, Is.Not.Null.And.Not.Contains("correct horse"));
        Assert.That(Convert.FromBase64String(anna.PasswordHash!)[0], Is.EqualTo(0x01), "Identity v3 format (PBKDF2)");
        Assert.Multiple(async () =>
        {
            Assert.That(await _services.Users.VerifyPasswordAsync("acme", "ANNA", "correct horse battery", CancellationToken.None), Is.Not.Null, "logins are case-insensitive");
            Assert.That(await _services.Users.VerifyPasswordAsync("acme", "anna", "correct horse batterY", CancellationToken.None), Is.Null);
            Assert.That(await _services.Users.VerifyPasswordAsync("other", "anna", "correct horse battery", CancellationToken.None), Is.Null);
            Assert.That(await _services.Users.VerifyPasswordAsync("acme", "nobody", "correct horse battery", CancellationToken.None), Is.Null);
        });
    }

    [Test]
    public void A_short_password_is_refused_with_a_sentence()
    {
        var ex = Assert.ThrowsAsync<LeadingValidationException>(() => _services.Users.SetPasswordAsync("acme", "anna", "short", CancellationToken.None));
        Assert.That(ex!.Message, Does.Contain("at least 10 characters"));
    }

    [Test]
    public void An_unknown_user_or_database_is_refused_with_a_sentence()
    {
        Assert.ThrowsAsync<LeadingValidationException>(() => _services.Users.SetPasswordAsync("acme", "nobody", "long-enough-pass", CancellationToken.None));
        Assert.ThrowsAsync<LeadingValidationException>(() => _services.Users.SetAdminAsync("nowhere", "anna", true, CancellationToken.None));
    }

    [Test]
    public async Task The_session_stamp_changes_with_the_password_and_the_admin_role()
    {
        await _services.Users.SetPasswordAsync("acme", "anna", "first-password-1", CancellationToken.None);
        var first = UserService.SecurityStamp(await AnnaAsync());
        await _services.Users.SetAdminAsync("acme", "anna", true, CancellationToken.None);
        var admin = await AnnaAsync();
        Assert.That(admin.IsAdmin, Is.True);
        var second = UserService.SecurityStamp(admin);
        await _services.Users.SetPasswordAsync("acme", "anna", "first-password-1", CancellationToken.None);
        var third = UserService.SecurityStamp(await AnnaAsync());
        Assert.That(new[] { first, second, third }, Is.Unique, "a new salt makes even the same password a new hash");
    }

    [Test]
    public async Task A_user_changes_their_own_password_with_the_current_one_and_the_old_one_stops_working()
    {
        await _services.Users.SetPasswordAsync("acme", "anna", "first-password-1", CancellationToken.None);
        var before = await AnnaAsync();

        var changed = await _services.Users.ChangePasswordAsync("acme", "anna", "first-password-1", "second-password-2", CancellationToken.None);

        var after = await AnnaAsync();
        Assert.That(changed, Is.Not.Null);
        Assert.That(changed!.PasswordHash, Is.EqualTo(after.PasswordHash), "the returned user is the stored one");
        Assert.That(after.PasswordHash, Is.Not.EqualTo(before.PasswordHash).And.Not.Contains("second-password"));
        Assert.That(Convert.FromBase64String(after.PasswordHash!)[0], Is.EqualTo(0x01), "the same Identity v3 hash as set by an admin");
        Assert.That(UserService.SecurityStamp(after), Is.Not.EqualTo(UserService.SecurityStamp(before)), "other sessions end");
        Assert.That(await _services.Users.VerifyPasswordAsync("acme", "anna", "second-password-2", CancellationToken.None), Is.Not.Null);
        Assert.That(await _services.Users.VerifyPasswordAsync("acme", "anna", "first-password-1", CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task A_wrong_current_password_changes_nothing()
    {
        await _services.Users.SetPasswordAsync("acme", "anna", "first-password-1", CancellationToken.None);
        var before = await AnnaAsync();

        var changed = await _services.Users.ChangePasswordAsync("acme", "anna", "not-the-password", "second-password-2", CancellationToken.None);

        Assert.That(changed, Is.Null);
        Assert.That((await AnnaAsync()).PasswordHash, Is.EqualTo(before.PasswordHash));
        Assert.That(await _services.Users.VerifyPasswordAsync("acme", "anna", "second-password-2", CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task A_short_new_password_is_refused_with_the_same_rule_as_for_admins()
    {
        await _services.Users.SetPasswordAsync("acme", "anna", "first-password-1", CancellationToken.None);
        var before = await AnnaAsync();

        var ex = Assert.ThrowsAsync<LeadingValidationException>(() => _services.Users.ChangePasswordAsync("acme", "anna", "first-password-1", "short", CancellationToken.None));

        Assert.That(ex!.Message, Does.Contain($"at least {UserService.MinimumPasswordLength} characters"));
        Assert.That((await AnnaAsync()).PasswordHash, Is.EqualTo(before.PasswordHash));
    }

    [Test]
    public async Task A_user_without_a_password_cannot_change_it_themselves()
    {
        Assert.That(await _services.Users.ChangePasswordAsync("acme", "anna", "", "second-password-2", CancellationToken.None), Is.Null);
        Assert.That((await AnnaAsync()).PasswordHash, Is.Null);
    }
}
