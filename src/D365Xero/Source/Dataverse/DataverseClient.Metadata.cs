using System.Security;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using D365Xero.Errors;

namespace D365Xero.Source.Dataverse;

public sealed partial class DataverseClient
{
    /// <summary>Unique name of the solution the connector's columns are added to.</summary>
    public const string SolutionUniqueName = "d365xero";

    // docs/dataverse-rules.md#d-request-headers; learn.microsoft.com/power-apps/developer/data-platform/webapi/compose-http-requests-handle-errors: metadata changed in the last ~30 s is only read back reliably with Consistency: Strong.
    private static readonly string[] StrongConsistency = ["Consistency", "Strong"];

    /// <summary>Logical names of every column of <paramref name="table"/>, read with
    /// <c>Consistency: Strong</c> so columns created a moment ago are seen.</summary>
    public async Task<IReadOnlySet<string>> GetAttributeLogicalNamesAsync(string table, CancellationToken cancellationToken = default)
    {
        var rows = await GetRowsAsync($"{Definition(table)}/Attributes?$select=LogicalName", DataverseOperation.Metadata,
            cancellationToken, StrongConsistency).ConfigureAwait(false);
        return rows.Select(r => r["LogicalName"]?.GetValue<string>()).OfType<string>().ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Whether change tracking is on for <paramref name="table"/> (<c>ChangeTrackingEnabled</c>, docs/dataverse-rules.md#d-change-tracking-enabled; learn.microsoft.com/power-apps/developer/data-platform/use-change-tracking-synchronize-data-external-systems).</summary>
    public async Task<bool> GetChangeTrackingEnabledAsync(string table, CancellationToken cancellationToken = default)
    {
        var body = await GetJsonAsync(Api($"{Definition(table)}?$select=ChangeTrackingEnabled"), DataverseOperation.Metadata, cancellationToken)
            ?? throw EmptyBody(DataverseOperation.Metadata);
        return body["ChangeTrackingEnabled"]?.GetValue<bool>() ?? false;
    }

    /// <summary>The organisation's <c>expirechangetrackingindays</c>: how long a delta link lives (docs/dataverse-rules.md#d-change-tracking-expiry; learn.microsoft.com/power-apps/developer/data-platform/reference/entities/organization).</summary>
    public async Task<int?> GetExpireChangeTrackingInDaysAsync(CancellationToken cancellationToken = default)
    {
        var rows = await GetRowsAsync("organizations?$select=expirechangetrackingindays", DataverseOperation.Metadata, cancellationToken).ConfigureAwait(false);
        return rows.FirstOrDefault()?["expirechangetrackingindays"]?.GetValue<int>();
    }

    /// <summary>
    /// Finds the publisher whose <c>customizationprefix</c> is <paramref name="prefix"/> and the solution
    /// <see cref="SolutionUniqueName"/>, creating either when missing (docs/dataverse-rules.md#d-publisher-prefix; learn.microsoft.com/power-apps/developer/data-platform/reference/entities/publisher).
    /// Running it again finds both.
    /// </summary>
    /// <param name="optionValuePrefix">Used only when the publisher is created: 10000–99999.</param>
    public async Task<DataverseSolution> EnsurePublisherAndSolutionAsync(string prefix, int optionValuePrefix = 72727,
        CancellationToken cancellationToken = default)
    {
        if (!PrefixPattern().IsMatch(prefix) || prefix.StartsWith("mscrm", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"'{prefix}' is not a valid publisher prefix (2–8 letters or digits, starting with a letter, not 'mscrm'); check Dataverse:ColumnPrefix.", nameof(prefix));
        ArgumentOutOfRangeException.ThrowIfLessThan(optionValuePrefix, 10000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(optionValuePrefix, 99999);

        var publishers = await GetRowsAsync(
            "publishers?$select=publisherid,uniquename,customizationprefix,customizationoptionvalueprefix&$filter="
            + Uri.EscapeDataString($"customizationprefix eq {ODataLiteral.Quote(prefix)}"),
            DataverseOperation.Provision, cancellationToken).ConfigureAwait(false);

        Guid publisherId;
        var publisherCreated = false;
        if (publishers.FirstOrDefault() is { } publisher)
        {
            publisherId = ReadGuid(publisher, "publisherid");
            optionValuePrefix = publisher["customizationoptionvalueprefix"]?.GetValue<int>() ?? optionValuePrefix;
        }
        else
        {
            publisherId = await CreateAsync("publishers", new JsonObject
            {
                ["uniquename"] = $"d365xero{prefix}",
                ["friendlyname"] = "d365-xero connector",
                ["description"] = "Publisher of the columns the d365-xero connector writes Xero IDs and sync status into.",
                ["customizationprefix"] = prefix,
                ["customizationoptionvalueprefix"] = optionValuePrefix,
            }, DataverseOperation.Provision, cancellationToken).ConfigureAwait(false);
            publisherCreated = true;
        }

        var solutions = await GetRowsAsync(
            "solutions?$select=solutionid,uniquename&$filter=" + Uri.EscapeDataString($"uniquename eq {ODataLiteral.Quote(SolutionUniqueName)}"),
            DataverseOperation.Provision, cancellationToken).ConfigureAwait(false);

        if (solutions.FirstOrDefault() is { } solution)
            return new DataverseSolution(SolutionUniqueName, ReadGuid(solution, "solutionid"), publisherId, prefix, optionValuePrefix, publisherCreated, false);

        var solutionId = await CreateAsync("solutions", new JsonObject
        {
            ["uniquename"] = SolutionUniqueName,
            ["friendlyname"] = "d365-xero",
            ["description"] = "Columns and webhook registrations of the d365-xero connector.",
            ["version"] = "1.0.0.0",
            ["publisherid@odata.bind"] = $"/publishers({ODataLiteral.Guid(publisherId)})",
        }, DataverseOperation.Provision, cancellationToken).ConfigureAwait(false);
        return new DataverseSolution(SolutionUniqueName, solutionId, publisherId, prefix, optionValuePrefix, publisherCreated, true);
    }

    /// <summary>Creates a text column (docs/dataverse-rules.md#d-column-create; learn.microsoft.com/power-apps/developer/data-platform/webapi/create-update-column-definitions-using-web-api), e.g. <c>xero_ContactId</c>; returns its MetadataId.</summary>
    public Task<Guid> CreateStringColumnAsync(string table, string schemaName, string displayName, string description,
        int maxLength, StringColumnFormat format, string solutionUniqueName, CancellationToken cancellationToken = default) =>
        CreateColumnAsync(table, AttributeMetadataBody.String(RequireName(schemaName, nameof(schemaName)), displayName, description, maxLength, format),
            solutionUniqueName, cancellationToken);

    /// <summary>Creates a multi-line text column, e.g. the last sync error.</summary>
    public Task<Guid> CreateMemoColumnAsync(string table, string schemaName, string displayName, string description,
        int maxLength, string solutionUniqueName, CancellationToken cancellationToken = default) =>
        CreateColumnAsync(table, AttributeMetadataBody.Memo(RequireName(schemaName, nameof(schemaName)), displayName, description, maxLength),
            solutionUniqueName, cancellationToken);

    /// <summary>Creates a date-and-time column, e.g. the last synced time.</summary>
    public Task<Guid> CreateDateTimeColumnAsync(string table, string schemaName, string displayName, string description,
        string solutionUniqueName, CancellationToken cancellationToken = default) =>
        CreateColumnAsync(table, AttributeMetadataBody.DateTime(RequireName(schemaName, nameof(schemaName)), displayName, description),
            solutionUniqueName, cancellationToken);

    /// <summary>Creates a decimal number column, e.g. an invoice's amount due.</summary>
    public Task<Guid> CreateDecimalColumnAsync(string table, string schemaName, string displayName, string description,
        int precision, string solutionUniqueName, CancellationToken cancellationToken = default) =>
        CreateColumnAsync(table, AttributeMetadataBody.Decimal(RequireName(schemaName, nameof(schemaName)), displayName, description, precision),
            solutionUniqueName, cancellationToken);

    /// <summary>Creates a local choice column, e.g. the sync status.</summary>
    public Task<Guid> CreatePicklistColumnAsync(string table, string schemaName, string displayName, string description,
        IReadOnlyList<PicklistOption> options, string solutionUniqueName, CancellationToken cancellationToken = default) =>
        CreateColumnAsync(table, AttributeMetadataBody.Picklist(RequireName(schemaName, nameof(schemaName)), displayName, description, options),
            solutionUniqueName, cancellationToken);

    /// <summary>Publishes the tables' customizations (<c>PublishXml</c>, docs/dataverse-rules.md#d-publish-xml; learn.microsoft.com/dotnet/api/microsoft.crm.sdk.messages.publishxmlrequest) so new columns show on forms.</summary>
    public async Task PublishAsync(IEnumerable<string> tables, CancellationToken cancellationToken = default)
    {
        var entities = string.Concat(tables.Select(t => $"<entity>{SecurityElement.Escape(RequireName(t, nameof(tables)))}</entity>"));
        var request = new DataverseRequest(HttpMethod.Post, Api("PublishXml"), DataverseOperation.Publish)
        {
            Body = new JsonObject { ["ParameterXml"] = $"<importexportxml><entities>{entities}</entities></importexportxml>" },
        };
        using var _ = await Transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Guid> CreateColumnAsync(string table, JsonObject body, string solutionUniqueName, CancellationToken cancellationToken)
    {
        RequireName(solutionUniqueName, nameof(solutionUniqueName));
        return await CreateAsync($"{Definition(table)}/Attributes", body, DataverseOperation.Provision, cancellationToken, solutionUniqueName)
            .ConfigureAwait(false);
    }

    private static string Definition(string table) => $"EntityDefinitions(LogicalName={ODataLiteral.Quote(RequireName(table, nameof(table)))})";

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{1,7}$")]
    private static partial Regex PrefixPattern();
}
