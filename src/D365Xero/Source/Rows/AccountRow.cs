using System.Text.Json.Nodes;

namespace D365Xero.Source.Rows;

/// <summary>The account columns the connector maps to a Xero contact.</summary>
public sealed record AccountRow
{
    /// <summary>The mapped source columns; the only ones read, tracked and listed as webhook filtering attributes.</summary>
    public static readonly string[] Columns =
    [
        "name", "accountnumber", "emailaddress1", "telephone1", "fax", "websiteurl",
        "address1_line1", "address1_line2", "address1_line3", "address1_city", "address1_stateorprovince", "address1_postalcode", "address1_country",
        "address2_line1", "address2_line2", "address2_line3", "address2_city", "address2_stateorprovince", "address2_postalcode", "address2_country",
        "primarycontactid", "transactioncurrencyid", "statecode", "createdon",
    ];

    public required Guid Id { get; init; }
    public string? Name { get; init; }
    public string? AccountNumber { get; init; }
    public string? Email { get; init; }
    public string? Telephone { get; init; }
    public string? Fax { get; init; }
    public string? Website { get; init; }
    public PostalAddress? Address1 { get; init; }
    public PostalAddress? Address2 { get; init; }
    public Guid? PrimaryContactId { get; init; }
    public Guid? CurrencyId { get; init; }
    /// <summary>0 Active, 1 Inactive.</summary>
    public int StateCode { get; init; }
    public DateTimeOffset? CreatedOn { get; init; }

    public bool IsActive => StateCode == 0;

    public static AccountRow FromJson(JsonObject row) => new()
    {
        Id = row.Id("accountid") ?? throw new FormatException("account row without accountid"),
        Name = row.Text("name"),
        AccountNumber = row.Text("accountnumber"),
        Email = row.Text("emailaddress1"),
        Telephone = row.Text("telephone1"),
        Fax = row.Text("fax"),
        Website = row.Text("websiteurl"),
        Address1 = PostalAddress.FromJson(row, "address1"),
        Address2 = PostalAddress.FromJson(row, "address2"),
        PrimaryContactId = row.Lookup("primarycontactid")?.Id,
        CurrencyId = row.Lookup("transactioncurrencyid")?.Id,
        StateCode = row.Int("statecode") ?? 0,
        CreatedOn = row.Date("createdon"),
    };
}
