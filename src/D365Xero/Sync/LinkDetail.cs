using System.Text.Json;
using System.Text.Json.Serialization;

namespace D365Xero.Sync;

/// <summary>
/// What a link remembers beyond its Xero id: for an account, the name suffix it was given (kept so
/// its Xero name does not flip); for a contact, the account it was last placed under (so a
/// re-parented or deleted contact's old account is recomputed too).
/// </summary>
public sealed record LinkDetail
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public string? Suffix { get; init; }
    public Guid? Account { get; init; }

    public static LinkDetail Parse(string? json) =>
        string.IsNullOrEmpty(json) ? new LinkDetail() : JsonSerializer.Deserialize<LinkDetail>(json, Json) ?? new LinkDetail();

    public string? ToJson() => Suffix is null && Account is null ? null : JsonSerializer.Serialize(this, Json);
}
