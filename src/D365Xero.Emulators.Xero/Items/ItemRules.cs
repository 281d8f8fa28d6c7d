using D365Xero.Emulators.Xero.Common;
using D365Xero.Emulators.Xero.Invoices;
using D365Xero.Emulators.Xero.Organisation;

namespace D365Xero.Emulators.Xero.Items;

/// <summary>Every rule Xero applies to an item write, each with its source.</summary>
internal static class ItemRules
{
    // Rule: [SPEC] Item.required: [Code]; docs/xero-rules.md#x-item-code-unique; developer.xero.com/documentation/api/items.
    public const string CodeRequired = "Item Code must be specified.";

    // Rule: [SPEC] PUT/POST /Items example error; docs/xero-rules.md#x-item-code-unique; developer.xero.com/documentation/api/items.
    public static string CodeTaken(string code) => $"Price List Item with Code '{code}' already exists";

    // Rule: [SEC] tracked items used in transactions cannot be deleted (exact text unverified); docs/xero-rules.md#x-item-delete; developer.xero.com/documentation/api/items.
    public const string TrackedItemInUse = "This item cannot be deleted because it is tracked as inventory and has been used in transactions.";

    public static string InvalidAccount(string code) => ReferenceRules.InvalidAccount(code);

    public static string InvalidTaxType(string taxType) => ReferenceRules.InvalidTaxType(taxType);

    public static List<string> CheckFields(Item item, OrganisationSettings settings)
    {
        var errors = new List<string>();
        // Rule: [SPEC] Item.Code maxLength 30, Name 50, Description 4000, PurchaseDescription 4000; docs/xero-rules.md#x-item-field-lengths; developer.xero.com/documentation/api/items.
        FieldLength.Check(errors, "Item Code", item.Code, 30);
        FieldLength.Check(errors, "Item Name", item.Name, 50);
        FieldLength.Check(errors, "Description", item.Description, 4000);
        FieldLength.Check(errors, "PurchaseDescription", item.PurchaseDescription, 4000);

        // Rule: [SPEC] AccountCode and TaxType must come from the organisation's Accounts and TaxRates; docs/xero-rules.md#x-item-reference-data; developer.xero.com/documentation/api/items.
        CheckDetails(errors, item.SalesDetails, settings);
        CheckDetails(errors, item.PurchaseDetails, settings);

        // Rule: [SPEC] InventoryAssetAccountCode must be an INVENTORY-type account; docs/xero-rules.md#x-item-reference-data; developer.xero.com/documentation/api/items.
        if (item.InventoryAssetAccountCode is { } inventory && settings.AccountByCode(inventory)?.Type != "INVENTORY")
            errors.Add(InvalidAccount(inventory));
        return errors;
    }

    /// <summary>Rule: [SPEC] IsSold=false clears Description and SalesDetails; IsPurchased=false clears the purchase side; docs/xero-rules.md#x-item-is-sold-clears-sales; developer.xero.com/documentation/api/items.</summary>
    public static void ApplySoldAndPurchased(Item item)
    {
        if (item.IsSold == false)
        {
            item.Description = null;
            item.SalesDetails = null;
        }
        if (item.IsPurchased == false)
        {
            item.PurchaseDescription = null;
            item.PurchaseDetails = null;
        }
        // Rule: [SPEC] an item is tracked when InventoryAssetAccountCode is set; QuantityOnHand/TotalCostPool read-only.
        item.IsTrackedAsInventory = item.InventoryAssetAccountCode is not null;
    }

    public static void DropReadOnly(Item item)
    {
        item.IsTrackedAsInventory = null;
        item.QuantityOnHand = null;
        item.TotalCostPool = null;
        item.UpdatedDateUTC = null;
        item.StatusAttributeString = null;
        item.ValidationErrors = null;
    }

    private static void CheckDetails(List<string> errors, ItemPriceDetails? details, OrganisationSettings settings)
    {
        if (details is null) return;
        foreach (var code in new[] { details.AccountCode, details.COGSAccountCode })
            if (!string.IsNullOrEmpty(code) && settings.AccountByCode(code) is null) errors.Add(InvalidAccount(code));
        if (!string.IsNullOrEmpty(details.TaxType) && settings.TaxRateByType(details.TaxType) is null)
            errors.Add(InvalidTaxType(details.TaxType));
    }
}
