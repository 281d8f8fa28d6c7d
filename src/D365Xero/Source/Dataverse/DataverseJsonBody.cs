using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace D365Xero.Source.Dataverse;

/// <summary>
/// A Dataverse answer read as a <see cref="JsonObject"/> without ever holding it whole as text. A page is up to
/// 5,000 rows (a read by id, 250 rows of up to a few KB each): as one string it was 0.5–2 MB on the large object
/// heap, then its UTF-8 copy and the parsed document's index, each again on that heap; that churn set off most of
/// the back-fill's full collections (issue 16, BENCHMARKS.md). Here the bytes go into a pooled buffer and each
/// row of <c>value</c> is parsed on its own, so every allocation is one row's size.
/// </summary>
internal static class DataverseJsonBody
{
    private static ReadOnlySpan<byte> Value => "value"u8;
    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>The body's object; null when the body is empty or only white space.</summary>
    /// <exception cref="JsonException">The body is not JSON, or holds more than one value.</exception>
    /// <exception cref="InvalidDataException">The body is JSON but not an object.</exception>
    public static async Task<JsonObject?> ReadAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(InitialSize(content.Headers.ContentLength));
        try
        {
            var length = 0;
            await using (var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false))
            {
                while (true)
                {
                    if (length == buffer.Length) buffer = Grow(buffer, length);
                    var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                    if (read == 0) break;
                    length += read;
                }
            }
            return Parse(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <inheritdoc cref="ReadAsync"/>
    public static JsonObject? Parse(ReadOnlySpan<byte> utf8)
    {
        if (utf8.StartsWith(Utf8Bom)) utf8 = utf8[Utf8Bom.Length..];
        if (utf8.Trim(" \t\r\n"u8).IsEmpty) return null;
        var reader = new Utf8JsonReader(utf8);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            JsonNode.Parse(ref reader);
            End(ref reader);
            throw new InvalidDataException("The JSON is not an object.");
        }
        var page = new JsonObject();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isValue = reader.ValueTextEquals(Value);
            var name = reader.GetString()!;
            reader.Read();
            page[name] = isValue && reader.TokenType == JsonTokenType.StartArray ? Rows(ref reader) : JsonNode.Parse(ref reader);
        }
        End(ref reader);
        return page;
    }

    /// <summary>Each element of the array on its own, so none is copied as part of a larger whole.</summary>
    private static JsonArray Rows(ref Utf8JsonReader reader)
    {
        var rows = new JsonArray();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) rows.Add(JsonNode.Parse(ref reader));
        return rows;
    }

    /// <summary>Nothing but white space may follow the value (the reader throws on anything else).</summary>
    private static void End(ref Utf8JsonReader reader)
    {
        if (reader.Read()) throw new JsonException($"Unexpected {reader.TokenType} after the JSON value.");
    }

    private static int InitialSize(long? contentLength) => contentLength is > 0 and < int.MaxValue / 2 ? (int)contentLength.Value + 1 : 16 * 1024;

    private static byte[] Grow(byte[] buffer, int length)
    {
        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        buffer.AsSpan(0, length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
    }
}
