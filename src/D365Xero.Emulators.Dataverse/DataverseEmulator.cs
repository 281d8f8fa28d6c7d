namespace D365Xero.Emulators.Dataverse;

/// <summary>Placeholder; the Dataverse emulator is built in issue 2.</summary>
public static class DataverseEmulator
{
}
