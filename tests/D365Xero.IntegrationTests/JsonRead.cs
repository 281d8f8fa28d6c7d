using System.Text.Json.Nodes;

namespace D365Xero.IntegrationTests;

/// <summary>Reads what a Xero contact or a Dynamics row shows, null when the field is absent or null.</summary>
internal static class JsonRead
{
    public static string? Text(this JsonObject row, string name) => row[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static List<JsonObject> Items(this JsonObject row, string name) =>
        row[name] is JsonArray a ? a.Select(n => n!.AsObject()).ToList() : [];

    public static string? PhoneNumber(this JsonObject contact, string type) =>
        contact.Items("Phones").FirstOrDefault(p => p.Text("PhoneType") == type)?.Text("PhoneNumber");

    public static JsonObject? Address(this JsonObject contact, string type) =>
        contact.Items("Addresses").FirstOrDefault(a => a.Text("AddressType") == type);

    public static List<string> PersonFirstNames(this JsonObject contact) =>
        contact.Items("ContactPersons").Select(p => p.Text("FirstName") ?? "").ToList();
}
