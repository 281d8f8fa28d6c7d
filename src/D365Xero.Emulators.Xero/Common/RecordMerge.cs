using System.Text.Json;
using System.Text.Json.Nodes;

namespace D365Xero.Emulators.Xero.Common;

/// <summary>
/// Xero's update semantics: fields sent replace stored ones, fields omitted keep their value, and an
/// array sent (ContactPersons, Addresses, LineItems…) replaces the stored array whole.
/// Rule: [issues] XeroAPI/xero-node#306, calcinai/xero-php#572; docs/xero-rules.md#x-contact-persons-replaced.
/// </summary>
internal static class RecordMerge
{
    public static T Apply<T>(T stored, T patch)
    {
        var target = (JsonObject)JsonSerializer.SerializeToNode(stored, XeroJson.Options)!;
        var changes = (JsonObject)JsonSerializer.SerializeToNode(patch, XeroJson.Options)!;
        foreach (var (name, value) in changes.ToList())
        {
            changes.Remove(name);
            target[name] = value;
        }
        return target.Deserialize<T>(XeroJson.Options)!;
    }
}
