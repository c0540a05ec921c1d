using System.Globalization;
using ProadSync.Hosting.Licensing;

namespace ProadSync.LicenceTool;

/// <summary>
/// <c>proadsync-licence keygen --out DIR [--name NAME]</c>,
/// <c>proadsync-licence sign --key PRIVATE.pem --licensee NAME --databases A,B|* --interfaces caldav,exchange --tier Verwaltung --expires YYYY-MM-DD [--id ID] --out FILE</c>,
/// <c>proadsync-licence verify --public-key PUBLIC.pem FILE</c>.
/// Exit codes: 0 success, 1 refused or failed, 2 wrong usage.
/// </summary>
internal static class Program
{
    private const string Usage = """
        Usage:
          proadsync-licence keygen --out DIR [--name NAME]
          proadsync-licence sign --key PRIVATE.pem --licensee NAME --databases A,B|* --interfaces caldav,exchange
                                 --tier Verwaltung --expires YYYY-MM-DD [--id LICENCE-ID] --out FILE
          proadsync-licence verify --public-key PUBLIC.pem FILE
        """;

    public static int Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.Out.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        try
        {
            var options = Options.Parse(args.Skip(1));
            return args[0] switch
            {
                "keygen" => Keygen(options),
                "sign" => Sign(options),
                "verify" => Verify(options),
                _ => throw new UsageException($"Unknown command '{args[0]}'."),
            };
        }
        catch (UsageException ex)
        {
            Console.Error.WriteLine(ex.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }
        catch (LicenceException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 1;
        }
        catch (IOException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 1;
        }
        catch (UnauthorizedAccessException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 1;
        }
    }

    private static int Keygen(Options options)
    {
        var dir = options.Required("--out");
        var name = options.Optional("--name") ?? "licence-key";
        Directory.CreateDirectory(dir);
        var privatePath = Path.Combine(dir, name + ".private.pem");
        var publicPath = Path.Combine(dir, name + ".public.pem");
        if (File.Exists(privatePath) || File.Exists(publicPath))
        {
            throw new IOException($"{privatePath} or {publicPath} exists already; choose another --out or --name (keys are never overwritten).");
        }

        var (privatePem, publicPem) = LicenceSigner.CreateKeyPair();
        if (OperatingSystem.IsWindows())
        {
            File.WriteAllText(privatePath, privatePem);
        }
        else
        {
            using var stream = new FileStream(privatePath, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
            using var writer = new StreamWriter(stream);
            writer.Write(privatePem);
        }

        File.WriteAllText(publicPath, publicPem);
        Console.Out.WriteLine($"Private key: {privatePath} (keep it secret; never commit it)");
        Console.Out.WriteLine($"Public key:  {publicPath}");
        Console.Out.WriteLine($"Key id:      {LicenceSigner.KeyIdOf(publicPem)}");
        return 0;
    }

    private static int Sign(Options options)
    {
        var keyPem = File.ReadAllText(options.Required("--key"));
        var expiresText = options.Required("--expires");
        if (!DateOnly.TryParseExact(expiresText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var expires))
        {
            throw new UsageException($"--expires '{expiresText}' is not a date YYYY-MM-DD.");
        }

        var now = TimeProvider.System.GetUtcNow();
        var licence = new Licence(
            options.Optional("--id") ?? $"L-{now:yyyyMMdd}-{Guid.NewGuid().ToString("N")[..8]}",
            options.Required("--licensee"),
            List(options.Required("--databases")),
            List(options.Required("--interfaces")).Select(i => i.ToLowerInvariant()).ToList(),
            options.Required("--tier"),
            now,
            expires);
        var outPath = options.Required("--out");
        File.WriteAllText(outPath, LicenceSigner.Sign(licence, keyPem));
        Console.Out.WriteLine($"Licence {licence.LicenceId} for {licence.Licensee} written to {outPath} (key {LicenceSigner.KeyIdOf(keyPem)}).");
        return 0;
    }

    private static int Verify(Options options)
    {
        var publicPem = File.ReadAllText(options.Required("--public-key"));
        var file = options.Positional.Count == 1 ? options.Positional[0] : throw new UsageException("verify needs exactly one licence FILE.");
        var check = new LicenceVerifier([publicPem], TimeProvider.System).Check(File.ReadAllText(file));
        if (check.Licence is { } licence)
        {
            Console.Out.WriteLine($"licenceId:  {licence.LicenceId}");
            Console.Out.WriteLine($"licensee:   {licence.Licensee}");
            Console.Out.WriteLine($"databases:  {string.Join(", ", licence.Databases)}");
            Console.Out.WriteLine($"interfaces: {string.Join(", ", licence.Interfaces)}");
            Console.Out.WriteLine($"tier:       {licence.Tier}");
            Console.Out.WriteLine($"issuedAt:   {licence.IssuedAt:O}");
            Console.Out.WriteLine($"expires:    {licence.Expires:yyyy-MM-dd}");
            Console.Out.WriteLine($"keyId:      {check.KeyId}");
        }

        if (check.IsValid)
        {
            Console.Out.WriteLine("valid:      yes");
            return 0;
        }

        Console.Error.WriteLine(check.Problem);
        return 1;
    }

    private static List<string> List(string value) =>
        [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private sealed class Options
    {
        private readonly Dictionary<string, string> _named = new(StringComparer.Ordinal);

        public List<string> Positional { get; } = [];

        public static Options Parse(IEnumerable<string> args)
        {
            var options = new Options();
            using var e = args.GetEnumerator();
            while (e.MoveNext())
            {
                var arg = e.Current;
                if (arg.StartsWith("--", StringComparison.Ordinal))
                {
                    if (!e.MoveNext())
                    {
                        throw new UsageException($"{arg} needs a value.");
                    }

                    options._named[arg] = e.Current;
                }
                else
                {
                    options.Positional.Add(arg);
                }
            }

            return options;
        }

        public string Required(string name) =>
            _named.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : throw new UsageException($"{name} is required.");

        public string? Optional(string name) => _named.GetValueOrDefault(name);
    }

    private sealed class UsageException(string message) : Exception(message);
}
