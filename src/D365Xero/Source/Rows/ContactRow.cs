using System.Text.Json.Nodes;

namespace D365Xero.Source.Rows;

/// <summary>The contact columns the connector maps to a Xero contact's people.</summary>
public sealed record ContactRow
{
    public static readonly string[] Columns =
        ["firstname", "lastname", "fullname", "emailaddress1", "parentcustomerid", "statecode", "createdon"];

    public required Guid Id { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? FullName { get; init; }
    public string? Email { get; init; }
    /// <summary>The parent account, or null when the parent is missing or is a contact.</summary>
    public Guid? ParentAccountId { get; init; }
    public int StateCode { get; init; }
    public DateTimeOffset? CreatedOn { get; init; }

    public bool IsActive => StateCode == 0;

    public static ContactRow FromJson(JsonObject row)
    {
        var parent = row.Lookup("parentcustomerid");
        return new ContactRow
        {
            Id = row.Id("contactid") ?? throw new FormatException("contact row without contactid"),
            FirstName = row.Text("firstname"),
            LastName = row.Text("lastname"),
            FullName = row.Text("fullname"),
            Email = row.Text("emailaddress1"),
            // parentcustomerid is polymorphic (account or contact, docs/dataverse-rules.md#d-lookup-values; learn.microsoft.com/power-apps/developer/data-platform/webapi/query/select-columns): only an account parent counts.
            ParentAccountId = parent is { Table: "account" or null } p ? p.Id : null,
            StateCode = row.Int("statecode") ?? 0,
            CreatedOn = row.Date("createdon"),
        };
    }
}
