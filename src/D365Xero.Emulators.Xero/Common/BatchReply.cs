namespace D365Xero.Emulators.Xero.Common;

/// <summary>
/// Turns per-element outcomes into Xero's answer. Rule: [SPEC]/[D-codes] docs/xero-rules.md#x-batch-summarize-errors; XeroAPI/xero-ruby#247:
/// with summarizeErrors=false always 200 with every element marked OK/ERROR; otherwise any failure makes
/// a 400 ValidationException listing only the failed elements, while the valid ones have already been saved.
/// </summary>
internal static class BatchReply
{
    public static ApiReply For<T>(string wrapper, IReadOnlyList<BatchOutcome<T>> outcomes, bool summarizeErrors, DateTimeOffset now)
        where T : IBatchElement
    {
        foreach (var outcome in outcomes)
        {
            outcome.Element.StatusAttributeString = outcome.Failed ? "ERROR" : "OK";
            outcome.Element.ValidationErrors = outcome.Failed
                ? outcome.Errors.Select(m => new ValidationError { Message = m }).ToList()
                : null;
            outcome.Element.FlagErrors(outcome.Failed);
        }

        if (summarizeErrors && outcomes.Any(o => o.Failed))
            return ApiReply.Json(400, XeroErrors.Validation(outcomes.Where(o => o.Failed).Select(o => (object)o.Element)));

        return ApiReply.Json(200, Envelope.Of(wrapper, outcomes.Select(o => o.Element).ToList(), now));
    }
}
