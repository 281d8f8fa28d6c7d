namespace D365Xero.Source.Dataverse;

/// <summary>The answer of the <c>WhoAmI</c> function: the application user and where it lives.</summary>
public sealed record WhoAmIResult(Guid UserId, Guid BusinessUnitId, Guid OrganizationId);
