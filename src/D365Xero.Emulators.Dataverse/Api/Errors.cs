namespace D365Xero.Emulators.Dataverse;

/// <summary>The error texts Dataverse answers with, each beside its source.</summary>
internal static class Errors
{
    private const string CrmHttpException = "Microsoft.Crm.CrmHttpException";

    // error-400-write-unknown-property-does-not-exist-on-type.json
    public static DataverseException UnknownWriteProperty(TableDefinition t, string name) =>
        new(400, "", $"The property '{name}' does not exist on type '{t.TypeName}'. Make sure to only use property names that are defined by the type.", CrmHttpException);

    // error-400-select-could-not-find-property-named.json
    public static DataverseException UnknownQueryProperty(TableDefinition t, string name) =>
        new(400, "0x0", $"Could not find a property named '{name}' on type '{t.TypeName}'.");

    // SOURCES.md (error-400-select…): a wrong x@odata.bind name gives "An undeclared property 'x' which only has
    // property annotations…" (jlattimer/CRMRESTBuilder#7); the tail is the standard ODataException text.
    public static DataverseException UndeclaredBind(string name) =>
        new(400, "", $"An undeclared property '{name}' which only has property annotations in the payload but no property value was found in the payload. In OData, only declared navigation properties and declared named streams can be represented as properties without values.", "Microsoft.OData.ODataException");

    // error-404-patch-if-match-star-not-found.json (docs/dataverse-rules.md#d-update-patch; learn.microsoft.com/power-apps/developer/data-platform/webapi/update-delete-entities-using-web-api).
    public static DataverseException NotFound(TableDefinition t, Guid id) =>
        new(404, "", $"{t.LogicalName} With Id = {id} Does Not Exist");

    // error-412-etag-mismatch.json
    public static DataverseException EtagMismatch() =>
        new(412, "", "The version of the existing record doesn't match the RowVersion property provided.");

    // error-412-upsert-if-none-match-exists.json
    public static DataverseException AlreadyExists() =>
        new(412, "", "A record with matching key values already exists.");

    // batch-response-changeset-400-unknown-property-and-404-unknown-segment.txt (second part).
    public static DataverseException UnknownSegment(string segment) =>
        new(404, "", $"Resource not found for the segment '{segment}'.", "Microsoft.OData.Core.UriParser.ODataUnrecognizedPathException");

    // error-400-batch-item-validation.json: the length validation message (two spaces after the first sentence).
    public static DataverseException TooLong(TableDefinition t, ColumnDefinition c) =>
        new(400, "0x80044331", $"A validation error occurred.  The length of the '{c.LogicalName}' attribute of the '{t.LogicalName}' entity exceeded the maximum allowed length of '{c.MaxLength}'.");

    // [unverified wording] an out-of-range choice value; code 0x8004431a is Dataverse's "outside the valid range".
    public static DataverseException OptionOutOfRange(TableDefinition t, ColumnDefinition c, int value) =>
        new(400, "0x8004431a", $"A validation error occurred. The value {value} of '{c.LogicalName}' on record of type '{t.LogicalName}' is outside the valid range. Accepted Values: {string.Join(",", c.Options.Keys)}");

    // [unverified wording] OData literal conversion failure for a value of the wrong JSON type.
    public static DataverseException WrongType(ColumnDefinition c, string literal) =>
        new(400, "0x0", $"Cannot convert the literal '{literal}' to the expected type '{c.EdmType}'.", "Microsoft.OData.ODataException");

    // docs/dataverse-rules.md#d-change-tracking-no-query-options; learn.microsoft.com/power-apps/developer/data-platform/use-change-tracking-synchronize-data-external-systems.
    public static DataverseException NotWithChangeTracking(string option) =>
        new(400, "0x80060888", $"The \"{option}\" query parameter isn't supported when Change Tracking is enabled.");

    // docs/dataverse-rules.md#d-change-tracking-expiry; MicrosoftDocs/powerapps-docs#3845 for the message. The HTTP status is not documented
    // (unverified, see docs/dataverse-rules.md#d-change-tracking-expiry); 400 is the emulator's choice. Code 0x80044352 [unverified].
    public static DataverseException DeltaTokenExpired() =>
        new(400, "0x80044352", "Version stamp associated with the client has expired. Please perform a full sync.");

    // [unverified wording] odata.track-changes on a table without ChangeTrackingEnabled.
    public static DataverseException ChangeTrackingDisabled(TableDefinition t) =>
        new(400, "0x80044196", $"Entity {t.LogicalName} is not enabled for change tracking.");

    public static DataverseException BadRequest(string message, string code = "0x0") => new(400, code, message);

    // docs/dataverse-rules.md#d-status-codes; learn.microsoft.com/power-apps/developer/data-platform/webapi/compose-http-requests-handle-errors: 405 for a wrong verb on the resource.
    public static DataverseException MethodNotAllowed() => new(405, "0x0", "The requested resource does not support http method.");

    // docs/dataverse-rules.md#d-service-protection; learn.microsoft.com/power-apps/developer/data-platform/api-limits; error-429-service-protection-number-of-requests.txt (body on one line).
    public static DataverseException TooManyRequests(int limit, int windowSeconds, int retryAfter) =>
        new(429, "0x80072322", $"Number of requests exceeded the limit of {limit} over time window of {windowSeconds} seconds.") { RetryAfterSeconds = retryAfter };

    // docs/dataverse-rules.md#d-service-protection; learn.microsoft.com/power-apps/developer/data-platform/api-limits: concurrency limit, fails at once.
    public static DataverseException TooManyConcurrent(int limit, int retryAfter) =>
        new(429, "0x80072326", $"Number of concurrent requests exceeded the limit of {limit}.") { RetryAfterSeconds = retryAfter };

    // [unverified code] docs/dataverse-rules.md#d-closed-order-read-only: the message users see is "Cannot Update a Read-Only Entity"
    // (markcarrington.dev/2023/01/24/msdyn365-internals-read-only-sales-entities); the code is the emulator's choice.
    public static DataverseException ReadOnlyEntity(TableDefinition t) =>
        new(400, "0x80040216", $"Cannot Update a Read-Only Entity: the {t.LogicalName} is closed (Canceled, Fulfilled or Invoiced).");

    // [unverified wording] docs/dataverse-rules.md#d-annotation-size: Dataverse's refusal of a too-large (or blocked) attachment.
    public static DataverseException AttachmentTooLarge() =>
        new(400, "0x80043e09", "The attachment is either not a valid type or is too large. It cannot be uploaded or downloaded.");

    // [unverified wording] docs/dataverse-rules.md#d-relationship-create: a Restrict relationship stops the parent's delete.
    public static DataverseException RestrictedDelete(TableDefinition t, string relationship) =>
        new(400, "0x80040227", $"The object you tried to delete is associated with another object and cannot be deleted. ({t.LogicalName}, relationship {relationship})");
}
