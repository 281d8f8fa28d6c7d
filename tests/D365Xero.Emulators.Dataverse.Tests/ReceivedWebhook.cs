namespace D365Xero.Emulators.Dataverse.Tests;

/// <summary>One webhook POST as the receiver saw it.</summary>
internal sealed record ReceivedWebhook(IReadOnlyDictionary<string, string> Headers, string Body);
