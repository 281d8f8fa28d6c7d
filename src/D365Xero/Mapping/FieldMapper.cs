using System.Globalization;
using System.Text.Json.Nodes;
using D365Xero.Configuration.Mapping;
using D365Xero.Target.Xero.Model;

namespace D365Xero.Mapping;

/// <summary>
/// The extra field mappings (docs/mappings.md#extra-fields): each configured Xero field of a contact, an item or an
/// invoice from its Dynamics column, translated by its table of values. An empty column (or a value its table does
/// not know) sends the field empty, so Xero clears it, unless the map says KeepWhenEmpty: then the field is left
/// out and Xero keeps its own value (docs/xero-rules.md#x-omitted-field-kept). An unmapped field is never sent. Pure.
/// </summary>
public static class FieldMapper
{
    /// <summary>The account's contact with its mapped fields; an error when a value cannot be sent at all (a payment day that is no number).</summary>
    public static (XeroContact Payload, string? Error) Contact(XeroContact payload, JsonObject? account, ContactFieldMaps maps)
    {
        var currency = Read(maps.DefaultCurrency, account);
        payload = payload with
        {
            TaxNumber = Field(maps.TaxNumber, account, payload.TaxNumber),
            // Empty: the account's own currency, as without a mapping (a currency cannot be cleared).
            DefaultCurrency = maps.DefaultCurrency.Column is null ? payload.DefaultCurrency
                : currency?.ToUpperInvariant() ?? (maps.DefaultCurrency.KeepWhenEmpty ? null : payload.DefaultCurrency),
            AccountsReceivableTaxType = Field(maps.AccountsReceivableTaxType, account, payload.AccountsReceivableTaxType)?.ToUpperInvariant(),
            // Its one contact group by name; empty: out of the group the connector put it in, or (KeepWhenEmpty) its groups left alone.
            ContactGroupName = Field(maps.ContactGroup, account, null),
        };
        if (maps.PaymentTermsDay.Column is null || maps.PaymentTermsType.Column is null) return (payload, null);
        // Xero's terms need a day and a type: both are sent, or neither (Xero keeps what it has).
        if (Read(maps.PaymentTermsDay, account) is not { } dayText || Read(maps.PaymentTermsType, account) is not { } type) return (payload, null);
        if (!decimal.TryParse(dayText, NumberStyles.Number, CultureInfo.InvariantCulture, out var day) || day != decimal.Truncate(day))
            return (payload, $"Payment terms day '{dayText}' ({maps.PaymentTermsDay.Column}) is not a whole number; Xero allows a day from 0 to 31.");
        return (payload with { PaymentTerms = new XeroPaymentTerms { Sales = new XeroPaymentTerm { Day = (int)Math.Clamp(day, int.MinValue, int.MaxValue), Type = type.ToUpperInvariant() } } }, null);
    }

    /// <summary>The product's item with its purchase side, when mapped; an error when the cost is no amount.</summary>
    public static (XeroItem Payload, string? Error) Item(XeroItem payload, JsonObject? product, ItemFieldMaps maps)
    {
        if (maps.PurchaseAccountCode.Column is null && maps.PurchaseCost.Column is null) return (payload, null);
        var account = Field(maps.PurchaseAccountCode, product, null);
        decimal? cost = null;
        if (maps.PurchaseCost.Source is { } source)
        {
            var text = maps.PurchaseCost.Values.Count > 0 ? Read(maps.PurchaseCost, product) : MappedValue.Raw(product, source.Column);
            if (!string.IsNullOrWhiteSpace(text))
            {
                if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed))
                    return (payload, $"Purchase cost '{text}' ({maps.PurchaseCost.Column}) is not an amount.");
                cost = XeroMoney.Round(parsed, "Purchase cost", []);
            }
            // An empty cost is sent as 0 (Xero's "no cost") unless Xero is to keep its own.
            else if (!maps.PurchaseCost.KeepWhenEmpty) cost = 0m;
        }
        if (account is null && cost is null) return (payload, null);
        return (payload with { IsPurchased = true, PurchaseDetails = new XeroItemDetails { AccountCode = account, UnitPrice = cost } }, null);
    }

    /// <summary>The order's invoice with its mapped branding theme (by name), Reference and due date.</summary>
    /// <param name="inXero">Whether the invoice exists in Xero already: only then can a due date be left for Xero to keep.</param>
    public static XeroInvoice Invoice(XeroInvoice payload, JsonObject? order, InvoiceFieldMaps maps, bool inXero)
    {
        if (Read(maps.BrandingTheme, order) is { } theme) payload = payload with { BrandingThemeName = theme };
        if (maps.Reference is { } template && Reference(template, order) is { Length: > 0 } reference)
            payload = payload with { Reference = reference.Length > InvoiceMapper.MaxReference ? reference[..InvoiceMapper.MaxReference] : reference };
        if (maps.DueDate.Source is { } due)
        {
            var text = maps.DueDate.Values.Count > 0 ? Read(maps.DueDate, order) : MappedValue.Raw(order, due.Column);
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
                payload = payload with { DueDate = date.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
            // Empty: the date the payment terms give, or, told to keep Xero's, nothing on an invoice Xero already has.
            else if (maps.DueDate.KeepWhenEmpty && inXero) payload = payload with { DueDate = null };
        }
        return payload;
    }

    /// <summary>The template with each <c>{column}</c> replaced by the order's value (label for an option set); separators left dangling by an empty value are trimmed.</summary>
    public static string Reference(string template, JsonObject? order) =>
        XeroText.Clean(InvoiceFieldMaps.Placeholder().Replace(template, m => MappedValue.Of(order, m.Groups[1].Value.ToLowerInvariant())?.Trim() ?? ""))
            .Trim(' ', '/', '-', ',', ';', ':', '|');

    /// <summary>The mapped value, or for an empty one "" (cleared in Xero) or null (left out, KeepWhenEmpty); <paramref name="unmapped"/> when no column is mapped.</summary>
    private static string? Field(FieldMap map, JsonObject? row, string? unmapped) =>
        map.Column is null ? unmapped : Read(map, row) ?? (map.KeepWhenEmpty ? null : "");

    private static string? Read(ColumnMap map, JsonObject? row) => map.Source is { } source ? map.Translate(MappedValue.Of(row, source.Column)) : null;
}
