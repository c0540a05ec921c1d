using System.Runtime.CompilerServices;
using PublicApiGenerator;
using ProadSync.Abstractions.Plugins;

namespace ProadSync.Abstractions.Tests;

/// <summary>
/// Guards the plugin contract: any change to its public surface shows up here and must be approved on purpose.
/// Within a major version only additions are allowed (see <see cref="ContractVersion"/>).
/// </summary>
public class ApiApprovalTests
{
    private const string ApprovedFileName = "ProadSync.Abstractions.approved.txt";
    private const string ReceivedFileName = "ProadSync.Abstractions.received.txt";

    [Test]
    public void Public_api_of_the_contract_matches_the_approved_file()
    {
        var received = Normalise(typeof(IPluginRegistrar).Assembly.GeneratePublicApi(new ApiGeneratorOptions
        {
            IncludeAssemblyAttributes = true,
        }));
        var directory = SourceDirectory();
        var approvedPath = Path.Combine(directory, ApprovedFileName);
        var receivedPath = Path.Combine(directory, ReceivedFileName);
        var approved = File.Exists(approvedPath) ? Normalise(File.ReadAllText(approvedPath)) : null;

        if (approved == received)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, received);
        Assert.Fail(
            $"The public API of ProadSync.Abstractions differs from {ApprovedFileName}. The generated API was written to " +
            $"{receivedPath}. Review the difference (only additions are allowed within a major version), then approve it " +
            $"by replacing {ApprovedFileName} with {ReceivedFileName} next to this test and committing the approved file.");
    }

    [Test]
    public void Contract_assembly_version_is_frozen_at_the_major_version()
    {
        var version = typeof(IPluginRegistrar).Assembly.GetName().Version;

        Assert.Multiple(() =>
        {
            Assert.That(ContractVersion.Major, Is.EqualTo(1));
            Assert.That(version, Is.EqualTo(new Version(1, 0, 0, 0)));
            Assert.That(version!.Major, Is.EqualTo(ContractVersion.Major));
            Assert.That(ContractVersion.Current, Is.EqualTo(new Version(ContractVersion.Major, ContractVersion.Minor)));
        });
    }

    private static string Normalise(string text) => text.ReplaceLineEndings("\n").TrimEnd() + "\n";

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
