namespace D365Xero.Bench;

/// <summary>This program started again as a child (the emulators, a scenario, the batched baseline), as the apphost or as `dotnet bench.dll`.</summary>
public static class BenchSelf
{
    /// <summary>The executable and the arguments that run this program with <paramref name="args"/>.</summary>
    public static (string Exe, List<string> Args) Command(IEnumerable<string> args)
    {
        var self = Environment.ProcessPath!;
        var all = new List<string>();
        // Run through dotnet itself: the dll goes first.
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") all.Add(typeof(BenchSelf).Assembly.Location);
        all.AddRange(args);
        return (self, all);
    }
}
