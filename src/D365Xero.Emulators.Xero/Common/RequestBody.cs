namespace D365Xero.Emulators.Xero.Common;

/// <summary>The request body as text, read once by the gate (it needs it for Idempotency-Key fingerprints).</summary>
internal static class RequestBody
{
    private const string Key = "xero.body";

    public static async Task<string> ReadAsync(HttpContext ctx)
    {
        if (ctx.Items[Key] is string cached) return cached;
        using var reader = new StreamReader(ctx.Request.Body);
        var body = await reader.ReadToEndAsync(ctx.RequestAborted);
        ctx.Items[Key] = body;
        return body;
    }
}
