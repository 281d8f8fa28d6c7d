using Microsoft.AspNetCore.Http;

namespace D365Xero.Hosting.Web;

/// <summary>A request body read whole, but never past a limit: a chunked body says no length up front.</summary>
public static class BoundedBody
{
    /// <summary>The body, or null as soon as it grows past <paramref name="maxBytes"/> (or Kestrel's own limit, which is the same one).</summary>
    public static async Task<MemoryStream?> ReadAsync(Stream source, long maxBytes, CancellationToken ct)
    {
        var body = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        try
        {
            while ((read = await source.ReadAsync(chunk, ct)) > 0)
            {
                if (body.Length + read > maxBytes)
                {
                    await body.DisposeAsync();
                    return null;
                }
                body.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await body.DisposeAsync();
            return null;
        }
        return body;
    }
}
