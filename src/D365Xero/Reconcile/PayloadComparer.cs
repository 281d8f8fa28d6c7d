using System.Globalization;
using D365Xero.Target.Xero.Model;

namespace D365Xero.Reconcile;

/// <summary>
/// Field by field, what Dynamics would send against what Xero holds. Only the fields the connector sends are
/// compared (a field Dynamics leaves out, such as a contact's currency when the account has none, is Xero's);
/// an empty value and a missing one are the same, since the mapper sends empty text to clear a field
/// (docs/xero-rules.md#x-contact-persons-replaced).
/// </summary>
public static class PayloadComparer
{
    public static IReadOnlyList<FieldDifference> Contacts(XeroContact dynamics, XeroContact xero)
    {
        var found = new List<FieldDifference>();
        Text(found, "Name", dynamics.Name, xero.Name);
        Text(found, "ContactStatus", dynamics.ContactStatus, xero.ContactStatus);
        Text(found, "AccountNumber", dynamics.AccountNumber, xero.AccountNumber);
        Text(found, "FirstName", dynamics.FirstName, xero.FirstName);
        Text(found, "LastName", dynamics.LastName, xero.LastName);
        Text(found, "EmailAddress", dynamics.EmailAddress, xero.EmailAddress);
        if (dynamics.DefaultCurrency is not null) Text(found, "DefaultCurrency", dynamics.DefaultCurrency, xero.DefaultCurrency);
        foreach (var phone in dynamics.Phones ?? [])
        {
            var held = xero.Phones?.FirstOrDefault(p => p.PhoneType == phone.PhoneType);
            Text(found, $"Phones[{phone.PhoneType}].PhoneNumber", phone.PhoneNumber, held?.PhoneNumber);
        }
        foreach (var address in dynamics.Addresses ?? [])
        {
            var held = xero.Addresses?.FirstOrDefault(a => a.AddressType == address.AddressType);
            var at = $"Addresses[{address.AddressType}].";
            Text(found, at + "AddressLine1", address.AddressLine1, held?.AddressLine1);
            Text(found, at + "AddressLine2", address.AddressLine2, held?.AddressLine2);
            Text(found, at + "AddressLine3", address.AddressLine3, held?.AddressLine3);
            Text(found, at + "City", address.City, held?.City);
            Text(found, at + "Region", address.Region, held?.Region);
            Text(found, at + "PostalCode", address.PostalCode, held?.PostalCode);
            Text(found, at + "Country", address.Country, held?.Country);
        }
        // The people are sent whole, in order (Xero replaces the list on every update), so they are compared whole.
        if (dynamics.ContactPersons is { } people) Text(found, "ContactPersons", People(people), People(xero.ContactPersons ?? []));
        return found;
    }

    public static IReadOnlyList<FieldDifference> Items(XeroItem dynamics, XeroItem xero)
    {
        var found = new List<FieldDifference>();
        Text(found, "Code", dynamics.Code, xero.Code);
        Text(found, "Name", dynamics.Name, xero.Name);
        Text(found, "Description", dynamics.Description, xero.Description);
        if (dynamics.IsSold is { } sold && xero.IsSold != sold) found.Add(new FieldDifference("IsSold", Bool(sold), Bool(xero.IsSold)));
        if (dynamics.SalesDetails is { } sales)
        {
            var held = xero.SalesDetails;
            if (sales.UnitPrice != held?.UnitPrice) found.Add(new FieldDifference("SalesDetails.UnitPrice", Money(sales.UnitPrice), Money(held?.UnitPrice)));
            if (sales.AccountCode is not null) Text(found, "SalesDetails.AccountCode", sales.AccountCode, held?.AccountCode);
            if (sales.TaxType is not null) Text(found, "SalesDetails.TaxType", sales.TaxType, held?.TaxType);
        }
        return found;
    }

    private static void Text(List<FieldDifference> found, string field, string? dynamics, string? xero)
    {
        if (!string.Equals(dynamics ?? "", xero ?? "", StringComparison.Ordinal)) found.Add(new FieldDifference(field, dynamics ?? "", xero ?? ""));
    }

    private static string People(IEnumerable<XeroContactPerson> people) =>
        string.Join("; ", people.Select(p => $"{p.FirstName} {p.LastName} <{p.EmailAddress}>".Replace("  ", " ", StringComparison.Ordinal).Trim()));

    private static string? Money(decimal? value) => value?.ToString("0.00##", CultureInfo.InvariantCulture);

    private static string? Bool(bool? value) => value is { } b ? (b ? "true" : "false") : null;
}
