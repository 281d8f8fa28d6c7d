namespace D365Xero.Emulators.Xero;

/// <summary>Placeholder; the Xero emulator is built in issue 2.</summary>
public static class XeroEmulator
{
}
