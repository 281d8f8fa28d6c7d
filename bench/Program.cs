using D365Xero.Bench;

if (args.Length >= 1 && args[0] == "--emulators")
{
    return await EmulatorHost.RunAsync(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture),
        TimeSpan.FromMilliseconds(long.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture)));
}
if (args.Length >= 1 && args[0] == D365Xero.Bench.Baseline.BatchedProcess.Argument)
{
    return await D365Xero.Bench.Baseline.BatchedProcess.MainAsync(new Uri(args[1]), new Uri(args[2]),
        TimeSpan.FromMilliseconds(long.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture)));
}
return await BenchApp.RunAsync(args);
