namespace D365Xero.Emulators.Dataverse;

/// <summary>
/// The main forms a new organisation has for the synced tables, cut down from the ones Dynamics 365 Sales
/// ships (tab and section names as in those forms: SUMMARY_TAB, ACCOUNT_INFORMATION, …). Account has a
/// second main form that is not the default, as many organisations do.
/// </summary>
internal static class SeededForms
{
    private static readonly FormField Owner = new("statuscode", "Status Reason", FormField.Picklist);

    public static IReadOnlyList<FormLayout> All =>
    [
        new("account", "Account", IsDefault: true,
        [
            new("SUMMARY_TAB", "Summary",
            [
                new("33%", [new("ACCOUNT_INFORMATION", "ACCOUNT INFORMATION",
                [
                    new("name", "Account Name"), new("telephone1", "Phone"), new("fax", "Fax"), new("websiteurl", "Website", FormField.Url),
                    new("parentaccountid", "Parent Account", FormField.Lookup), new("accountnumber", "Account Number"),
                ]), new("ADDRESS", "ADDRESS", [new("address1_line1", "Street 1"), new("address1_city", "City"), new("address1_postalcode", "ZIP/Postal Code"), new("address1_country", "Country/Region")])]),
                new("34%", [new("SOCIAL_PANE_TAB", "TIMELINE", [])]),
                new("33%", [new("Summary_section_6", "PRIMARY CONTACT", [new("primarycontactid", "Primary Contact", FormField.Lookup), new("emailaddress1", "Email", FormField.Email)])]),
            ]),
            new("DETAILS_TAB", "Details",
            [
                new("100%", [new("COMPANY_PROFILE", "COMPANY PROFILE",
                [
                    new("customertypecode", "Relationship Type", FormField.Picklist), new("revenue", "Annual Revenue", FormField.Money),
                    new("paymenttermscode", "Payment Terms", FormField.Picklist), new("creditlimit", "Credit Limit", FormField.Money),
                    new("transactioncurrencyid", "Currency", FormField.Lookup), new("description", "Description", FormField.Memo),
                ])]),
            ]),
        ], [new("revenue", "Annual Revenue", FormField.Money), Owner]),
        new("account", "Account for Interactive experience", IsDefault: false,
        [
            new("general", "Summary", [new("100%", [new("account information", "Account Information", [new("name", "Account Name"), new("telephone1", "Phone")])])]),
        ], [Owner]),
        new("contact", "Contact", IsDefault: true,
        [
            new("SUMMARY_TAB", "Summary",
            [
                new("33%", [new("CONTACT_INFORMATION", "CONTACT INFORMATION",
                [
                    new("firstname", "First Name"), new("lastname", "Last Name"), new("jobtitle", "Job Title"),
                    new("parentcustomerid", "Account Name", FormField.Lookup), new("emailaddress1", "Email", FormField.Email),
                    new("telephone1", "Business Phone"), new("mobilephone", "Mobile Phone"),
                ]), new("ADDRESS", "ADDRESS", [new("address1_line1", "Street 1"), new("address1_city", "City"), new("address1_postalcode", "ZIP/Postal Code")])]),
                new("34%", [new("SOCIAL_PANE_TAB", "TIMELINE", [])]),
                new("33%", [new("RELATED", "RELATED", [new("transactioncurrencyid", "Currency", FormField.Lookup)])]),
            ]),
        ], [Owner]),
        new("product", "Product", IsDefault: true,
        [
            new("general", "General",
            [
                new("50%", [new("product information", "Product Information",
                [
                    new("name", "Name"), new("productnumber", "Product ID"), new("producttypecode", "Product Type", FormField.Picklist),
                    new("quantitydecimal", "Decimals Supported", FormField.Integer), new("description", "Description", FormField.Memo),
                ])]),
                new("50%", [new("costs", "Costs", [new("price", "List Price", FormField.Money), new("standardcost", "Standard Cost", FormField.Money), new("currentcost", "Current Cost", FormField.Money)])]),
            ]),
        ], [new("statecode", "Status", FormField.Picklist)]),
        new("salesorder", "Order", IsDefault: true,
        [
            new("summary", "Summary",
            [
                new("50%", [new("summary_section_1", "ORDER INFORMATION",
                [
                    new("ordernumber", "Order ID"), new("name", "Name"), new("customerid", "Customer", FormField.Lookup),
                    new("transactioncurrencyid", "Currency", FormField.Lookup), new("ispricelocked", "Prices Locked", FormField.Boolean),
                ])]),
                new("50%", [new("totals", "Totals",
                [
                    new("totallineitemamount", "Detail Amount", FormField.Money), new("discountpercentage", "Order Discount (%)", FormField.Decimal),
                    new("discountamount", "Order Discount Amount", FormField.Money), new("freightamount", "Freight Amount", FormField.Money),
                    new("totaltax", "Total Tax", FormField.Money), new("totalamount", "Total Amount", FormField.Money),
                ])]),
            ]),
            new("shipping", "Shipping",
            [
                new("100%", [new("shipping_section", "SHIPPING", [new("requestdeliveryby", "Requested Delivery Date", FormField.DateTime), new("freighttermscode", "Freight Terms", FormField.Picklist), new("datefulfilled", "Date Fulfilled", FormField.DateTime)])]),
            ]),
        ], [new("totalamount", "Total Amount", FormField.Money), Owner]),
    ];
}
