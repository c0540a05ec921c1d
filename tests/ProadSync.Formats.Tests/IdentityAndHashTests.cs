namespace ProadSync.Formats.Tests;

public sealed class IdentityAndHashTests
{
    [TestCase("PROAD_Main", 4711L, "proadsync-proad_main-4711")]
    [TestCase("db1", 1L, "proadsync-db1-1")]
    [TestCase("Mandant Köln/Süd", 42L, "proadsync-mandant_k_ln_s_d-42")]
    [TestCase("../etc", 7L, "proadsync-.._etc-7")]
    public void Identity_is_stable_lower_case_and_safe(string database, long id, string expected)
    {
        var uid = IcsIdentity.For(database, id);

        Assert.That(uid, Is.EqualTo(expected));
        Assert.That(uid, Does.Match("^[a-z0-9._-]+$"), "safe as a file name and an href segment");
        Assert.That(uid, Does.Not.Contain("/"));
        Assert.That(IcsIdentity.For(database, id), Is.EqualTo(uid));
    }

    [Test]
    public void Identity_differs_per_database_and_id()
    {
        Assert.That(IcsIdentity.For("a", 1), Is.Not.EqualTo(IcsIdentity.For("a", 2)));
        Assert.That(IcsIdentity.For("a", 1), Is.Not.EqualTo(IcsIdentity.For("b", 1)));
    }

    [Test]
    public void Identity_needs_a_database()
    {
        Assert.Throws<ArgumentException>(() => IcsIdentity.For(" ", 1));
    }

    [Test]
    public void Content_hash_is_sha256_hex_of_utf8()
    {
        Assert.That(ContentHash.Of("abc"), Is.EqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        Assert.That(ContentHash.Of("ü"), Is.EqualTo(ContentHash.Of("ü"u8)));
        Assert.That(ContentHash.Of("a"), Is.Not.EqualTo(ContentHash.Of("b")));
    }
}
