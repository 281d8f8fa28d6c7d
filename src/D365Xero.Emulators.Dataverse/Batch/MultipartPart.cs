namespace D365Xero.Emulators.Dataverse;

/// <summary>One MIME part of a $batch body: its headers and raw content.</summary>
internal sealed record MultipartPart(Dictionary<string, string> Headers, string Content)
{
    public string? ContentType => Headers.GetValueOrDefault("Content-Type");
}
