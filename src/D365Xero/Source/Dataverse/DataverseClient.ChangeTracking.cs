using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using D365Xero.Errors;

namespace D365Xero.Source.Dataverse;

public sealed partial class DataverseClient
{
    /// <summary>
    /// Reads a table's changes, page by page. Without <paramref name="deltaLink"/> this is the first read
    /// (every row, the back-fill) of <c>{entitySet}?$select=…</c> with <c>Prefer: odata.track-changes</c>;
    /// with one, it GETs that link. The last page carries the next delta link.
    /// </summary>
    /// <param name="select">Comma-separated column names only: change tracking refuses $filter, $orderby,
    /// $expand and $top (docs/dataverse-rules.md#d-change-tracking-no-query-options; learn.microsoft.com/power-apps/developer/data-platform/use-change-tracking-synchronize-data-external-systems), so nothing else can be sent.</param>
    /// <exception cref="DeltaTokenExpiredException">The delta link is too old; read again without one.</exception>
    public async IAsyncEnumerable<ChangePage> ReadChangesAsync(string entitySet, string select, string? deltaLink,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        RequireName(entitySet, nameof(entitySet));
        Uri next;
        string[] prefer;
        if (deltaLink is null)
        {
            next = Api($"{entitySet}?$select={ColumnList(select)}");
            // docs/dataverse-rules.md#d-prefer-header; learn.microsoft.com/power-apps/developer/data-platform/webapi/compose-http-requests-handle-errors: track-changes and maxpagesize combine as one comma-separated Prefer.
            prefer = ["odata.track-changes", MaxPageSize, LookupAnnotations];
        }
        else
        {
            // docs/dataverse-rules.md#d-change-tracking-delta; learn.microsoft.com/power-apps/developer/data-platform/use-change-tracking-synchronize-data-external-systems: the delta link is the original query plus $deltatoken; it is used as given.
            next = ServerLink(deltaLink);
            prefer = [MaxPageSize, LookupAnnotations];
        }

        while (true)
        {
            var request = new DataverseRequest(HttpMethod.Get, next, DataverseOperation.ReadChanges)
            {
                Prefer = prefer,
                DeltaEntitySet = entitySet,
            };
            JsonObject page;
            using (var response = await Transport.SendAsync(request, cancellationToken).ConfigureAwait(false))
            {
                // docs/dataverse-rules.md#d-change-tracking-delta; learn.microsoft.com/power-apps/developer/data-platform/use-change-tracking-synchronize-data-external-systems: "an empty JSON response" may come back when nothing changed.
                page = await ReadObjectAsync(response, cancellationToken).ConfigureAwait(false) ?? [];
            }

            var (changed, deleted) = Split(page);
            if (page["@odata.nextLink"]?.GetValue<string>() is { } nextLink)
            {
                yield return new ChangePage(changed, deleted, null);
                next = ServerLink(nextLink);
                continue;
            }

            var newDeltaLink = page["@odata.deltaLink"]?.GetValue<string>()
                // Nothing changed and no new link: the one we hold is still the right cursor.
                ?? deltaLink
                ?? throw new RemoteApiException("Dataverse", ErrorKind.Permanent,
                    $"Dataverse returned no delta link for {entitySet}: is change tracking enabled on that table? (https://learn.microsoft.com/power-apps/developer/data-platform/use-change-tracking-synchronize-data-external-systems)");
            yield return new ChangePage(changed, deleted, newDeltaLink);
            yield break;
        }
    }

    /// <summary>A deleted row is <c>{"@odata.context":"…/$deletedEntity","id":"…","reason":"deleted"}</c>;
    /// its id is in <c>id</c>, not in the table's key column (docs/dataverse-rules.md#d-change-tracking-deleted-rows; learn.microsoft.com/power-apps/developer/data-platform/use-change-tracking-synchronize-data-external-systems).</summary>
    private static (List<JsonObject> Changed, List<Guid> Deleted) Split(JsonObject page)
    {
        var changed = new List<JsonObject>();
        var deleted = new List<Guid>();
        foreach (var row in Rows(page))
        {
            if (row["@odata.context"]?.GetValue<string>() is { } context && context.EndsWith("$deletedEntity", StringComparison.Ordinal))
                deleted.Add(ReadGuid(row, "id"));
            else
                changed.Add(row);
        }
        return (changed, deleted);
    }
}
