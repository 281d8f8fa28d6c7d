using D365Xero.Emulators.Xero.Common;
using D365Xero.Emulators.Xero.Organisation;

namespace D365Xero.Emulators.Xero.Identity;

/// <summary>GET /connections: the tenants a token reaches. Rule: [SPEC-ID] xero-identity.yaml; docs/xero-rules.md#x-connections-per-token.</summary>
internal static class ConnectionEndpoints
{
    private static readonly Guid ConnectionId = Guid.Parse("0b3c7b63-4c1e-4a0a-9e55-2f6f3c2d1a01");
    private static readonly Guid AuthEventId = Guid.Parse("d99ecdfe-391d-43d2-b834-17636ba90e8d");

    public static void MapConnections(this WebApplication app, Guid tenantId, DateTimeOffset connectedAt)
    {
        app.MapGet("/connections", () => ApiReply.Json(200, new[]
        {
            new Dictionary<string, object?>
            {
                ["id"] = ConnectionId,
                ["authEventId"] = AuthEventId,
                ["tenantId"] = tenantId,
                ["tenantType"] = "ORGANISATION",
                ["tenantName"] = ReferenceData.OrganisationName,
                ["createdDateUtc"] = connectedAt.UtcDateTime.ToString("O"),
                ["updatedDateUtc"] = connectedAt.UtcDateTime.ToString("O"),
            },
        }).ToResult());
    }
}
