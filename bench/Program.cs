using D365Xero.Bench;

if (args.Length >= 1 && args[0] == "--emulators")
{
    return await EmulatorHost.RunAsync(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture),
        TimeSpan.FromMilliseconds(long.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture)));
}
return await BenchApp.RunAsync(args);
