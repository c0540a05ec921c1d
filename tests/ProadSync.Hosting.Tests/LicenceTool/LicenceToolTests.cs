using ProadSync.LicenceTool;

namespace ProadSync.Hosting.Tests.LicenceTool;

/// <summary>The vendor's licence tool: keygen, sign, verify, with the exit codes 0 / 1 / 2.</summary>
[TestFixture]
[Category("R-SM-1")]
[NonParallelizable]
public sealed class LicenceToolTests
{
    private string _dir = null!;
    private TextWriter _out = null!;
    private TextWriter _err = null!;
    private StringWriter _stdout = null!;
    private StringWriter _stderr = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = Directory.CreateTempSubdirectory("proadsync-licence-tool-").FullName;
        (_out, _err) = (Console.Out, Console.Error);
        _stdout = new StringWriter();
        _stderr = new StringWriter();
        Console.SetOut(_stdout);
        Console.SetError(_stderr);
    }

    [TearDown]
    public void TearDown()
    {
        Console.SetOut(_out);
        Console.SetError(_err);
        _stdout.Dispose();
        _stderr.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private string P(string name) => Path.Combine(_dir, name);

    [Test]
    public void R_SM_1_keygen_sign_and_verify_round_trip()
    {
        Assert.That(Program.Main(["keygen", "--out", _dir, "--name", "test-vendor"]), Is.Zero);
        Assert.That(Program.Main([
            "sign", "--key", P("test-vendor.private.pem"), "--licensee", "Example GmbH", "--databases", "main, branch",
            "--interfaces", "CalDAV,exchange", "--tier", "Verwaltung", "--expires", "2099-01-31", "--id", "L-1", "--out", P("example.licence"),
        ]), Is.Zero);

        Assert.That(Program.Main(["verify", "--public-key", P("test-vendor.public.pem"), P("example.licence")]), Is.Zero);
        Assert.Multiple(() =>
        {
            Assert.That(_stdout.ToString(), Does.Contain("databases:  main, branch").And.Contain("interfaces: caldav, exchange").And.Contain("valid:      yes"));
            Assert.That(File.ReadAllText(P("test-vendor.private.pem")), Does.StartWith("-----BEGIN PRIVATE KEY-----"));
            Assert.That(File.ReadAllText(P("test-vendor.public.pem")), Does.StartWith("-----BEGIN PUBLIC KEY-----"));
            if (!OperatingSystem.IsWindows())
            {
                Assert.That(File.GetUnixFileMode(P("test-vendor.private.pem")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            }
        });
    }

    [Test]
    public void R_SM_1_verify_with_another_key_fails_with_exit_code_1()
    {
        Program.Main(["keygen", "--out", _dir, "--name", "a"]);
        Program.Main(["keygen", "--out", _dir, "--name", "b"]);
        Program.Main(["sign", "--key", P("a.private.pem"), "--licensee", "X", "--databases", "*", "--interfaces", "caldav", "--tier", "Verwaltung", "--expires", "2099-01-31", "--out", P("x.licence")]);

        Assert.That(Program.Main(["verify", "--public-key", P("b.public.pem"), P("x.licence")]), Is.EqualTo(1));
        Assert.That(_stderr.ToString(), Does.Contain("does not trust"));
    }

    [Test]
    public void R_SM_1_keys_are_never_overwritten_and_wrong_usage_exits_with_2()
    {
        Assert.That(Program.Main(["keygen", "--out", _dir]), Is.Zero);
        Assert.That(Program.Main(["keygen", "--out", _dir]), Is.EqualTo(1));
        Assert.That(Program.Main(["sign", "--key", P("licence-key.private.pem")]), Is.EqualTo(2));
        Assert.That(Program.Main(["sign", "--key", P("licence-key.private.pem"), "--licensee", "X", "--databases", "*", "--interfaces", "caldav", "--tier", "Verwaltung", "--expires", "31.12.2099", "--out", P("x.licence")]), Is.EqualTo(2));
        Assert.That(Program.Main(["frobnicate"]), Is.EqualTo(2));
        Assert.That(Program.Main([]), Is.EqualTo(2));
    }
}
