using System.CommandLine;
using ProadSync.Cli.Output;
using ProadSync.Hosting.Licensing;

namespace ProadSync.Cli.Commands;

/// <summary><c>licence install|show</c>: the signed licence that switches interfaces on per database (SPEC §1).</summary>
internal static class LicenceCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var command = new Command("licence", "The signed licence (licensee, databases, interfaces, tier, expiry).");

        var file = new Argument<FileInfo>("FILE") { Description = "The licence file." };
        var install = new Command("install", "Verify and install a licence.") { file };
        CliApp.SetHandler(install, environment, async (ctx, parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                throw new CliException($"The licence file '{path.FullName}' does not exist.");
            }

            if (path.Length > 1024 * 1024)
            {
                throw new CliException($"The file '{path.FullName}' is too large to be a licence.");
            }

            var licence = await ctx.Services.Licensing.InstallAsync(await File.ReadAllTextAsync(path.FullName, ct), ct);
            ctx.Output.Emit(View(licence, valid: true, problem: null), c => c.WriteLine(
                $"Licence {licence.LicenceId} for {licence.Licensee} installed: interfaces {string.Join(", ", licence.Interfaces)} for databases {string.Join(", ", licence.Databases)}, valid until {licence.Expires:yyyy-MM-dd}. Switch an interface on with 'proadsync databases enable NAME INTERFACE'."));
        });
        command.Subcommands.Add(install);

        var show = new Command("show", "Show the installed licence and whether it is valid.");
        CliApp.SetHandler(show, environment, async (ctx, _, ct) =>
        {
            var status = await ctx.Services.Licensing.GetAsync(ct);
            if (!status.Installed || status.Licence is null)
            {
                ctx.Output.Emit(new { installed = false, problem = status.Problem }, c => c.WriteLine(LicensingService.NoLicenceSentence));
                return;
            }

            ctx.Output.Emit(View(status.Licence, status.Valid, status.Problem) with { Development = status.Development }, c =>
            {
                var table = CliOutput.Table("field", "value");
                foreach (var (key, value) in new (string, object?)[]
                {
                    ("licence", status.Licence.LicenceId), ("licensee", status.Licence.Licensee), ("databases", string.Join(", ", status.Licence.Databases)),
                    ("interfaces", string.Join(", ", status.Licence.Interfaces)), ("tier", status.Licence.Tier), ("issued", status.Licence.IssuedAt),
                    ("expires", status.Licence.Expires), ("valid", status.Valid), ("problem", status.Problem), ("development licence", status.Development),
                })
                {
                    table.AddRow(CliOutput.Cells(key, value));
                }

                c.Write(table);
            });
        });
        command.Subcommands.Add(show);
        return command;
    }

    private static LicenceView View(Licence l, bool valid, string? problem) =>
        new(true, l.LicenceId, l.Licensee, l.Databases, l.Interfaces, l.Tier, l.IssuedAt, l.Expires, valid, problem, false);

    private sealed record LicenceView(bool Installed, string LicenceId, string Licensee, IReadOnlyList<string> Databases, IReadOnlyList<string> Interfaces, string Tier, DateTimeOffset IssuedAt, DateOnly Expires, bool Valid, string? Problem, bool Development);
}
