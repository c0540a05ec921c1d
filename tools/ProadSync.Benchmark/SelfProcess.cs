using System.Diagnostics;

namespace ProadSync.Benchmark;

/// <summary>Starts this program again as a child (the counting proxy, a ProadSync series in a cold process).</summary>
internal static class SelfProcess
{
    /// <summary>The start info for this program with <paramref name="arguments"/>, standard input and output redirected.</summary>
    /// <param name="arguments">The child's arguments.</param>
    /// <returns>The start info.</returns>
    public static ProcessStartInfo StartInfo(params string[] arguments)
    {
        var host = Environment.ProcessPath ?? "dotnet";
        var psi = new ProcessStartInfo(host)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            psi.ArgumentList.Add(typeof(SelfProcess).Assembly.Location);
        }

        foreach (var argument in arguments)
        {
            psi.ArgumentList.Add(argument);
        }

        return psi;
    }
}
