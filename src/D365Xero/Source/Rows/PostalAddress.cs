using System.Text.Json.Nodes;

namespace D365Xero.Source.Rows;

/// <summary>One of an account's composite addresses (<c>address1_*</c>, <c>address2_*</c>).</summary>
public sealed record PostalAddress(
    string? Line1, string? Line2, string? Line3, string? City, string? Region, string? PostalCode, string? Country)
{
    /// <summary>Null when every part is empty, so an empty address is not sent.</summary>
    public static PostalAddress? FromJson(JsonObject row, string prefix)
    {
        var address = new PostalAddress(
            row.Text($"{prefix}_line1"), row.Text($"{prefix}_line2"), row.Text($"{prefix}_line3"), row.Text($"{prefix}_city"),
            row.Text($"{prefix}_stateorprovince"), row.Text($"{prefix}_postalcode"), row.Text($"{prefix}_country"));
        return new[] { address.Line1, address.Line2, address.Line3, address.City, address.Region, address.PostalCode, address.Country }
            .All(string.IsNullOrWhiteSpace) ? null : address;
    }
}
