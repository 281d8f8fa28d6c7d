using D365Xero.Errors;
using D365Xero.Target.Xero.Model;

namespace D365Xero.Target.Xero;

/// <summary>Turns one batch's answer into a result per input, matched by natural key.</summary>
internal static class XeroWriteMatcher
{
    /// <param name="sent">The batch, in the order sent; results keep this order.</param>
    /// <param name="answered">The elements of Xero's answer, in whatever order it chose.</param>
    /// <param name="batchRefused">
    /// The answer was a 400 ValidationException listing only the failed elements. The others may
    /// have been saved all the same, their IDs lost (docs/xero-rules.md#x-batch-summarize-errors; XeroAPI/xero-ruby#247): their outcome is unknown.
    /// </param>
    public static IReadOnlyList<XeroWriteResult<T>> Match<T>(
        IReadOnlyList<T> sent, IReadOnlyList<T> answered, XeroNaturalKey<T> key, bool batchRefused)
        where T : class, IXeroElement
    {
        return sent.Select(input =>
        {
            var k = key.Of(input)!.Value;
            var name = key.Describe(k.Field, k.Value);
            // Each answer is looked up by the field its input was keyed by (e.g. Reference when no InvoiceNumber was sent).
            var element = answered.FirstOrDefault(e =>
                key.Read(k.Field, e) is { } value && XeroNaturalKey<T>.Comparer.Equals((k.Field, value), k));
            if (element is null)
                return XeroWriteResult<T>.Failed(input, ErrorKind.Transient, batchRefused
                    ? $"Xero refused the batch over other {key.Entity}s and may still have saved the {key.Entity} with {name}; look it up by that key before sending it again."
                    : $"Xero's answer had no {key.Entity} with {name}; look it up by that key before sending it again.");

            var refused = batchRefused
                || string.Equals(element.StatusAttributeString, "ERROR", StringComparison.OrdinalIgnoreCase)
                || element.ValidationErrors is { Count: > 0 };
            if (!refused) return XeroWriteResult<T>.Ok(input, element); // OK, or WARNING: saved all the same.

            var reasons = XeroErrorClassifier.Sentences((element.ValidationErrors ?? []).Select(e => e.Message));
            return XeroWriteResult<T>.Failed(input, ErrorKind.Permanent,
                reasons.Length > 0 ? reasons : $"Xero refused the {key.Entity} with {name} without saying why.");
        }).ToList();
    }
}
