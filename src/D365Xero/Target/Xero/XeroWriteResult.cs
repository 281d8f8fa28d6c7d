using D365Xero.Errors;

namespace D365Xero.Target.Xero;

/// <summary>What became of one element of a batch write; results come back in the order of the inputs.</summary>
public sealed record XeroWriteResult<T> where T : class
{
    /// <summary>The element as it was sent.</summary>
    public required T Input { get; init; }

    /// <summary>The element as Xero saved it (with its ContactID, ItemID or InvoiceID); null on failure.</summary>
    public T? Saved { get; init; }

    /// <summary>
    /// Null when saved. Permanent: Xero refused this element, <see cref="Error"/> says why.
    /// Transient: the call failed or its outcome is unknown; look the record up by its natural key
    /// before sending it again. Auth: the connection needs a person.
    /// </summary>
    public ErrorKind? ErrorKind { get; init; }

    /// <summary>Why, in plain sentences (Xero's validation messages when it gave them).</summary>
    public string? Error { get; init; }

    public TimeSpan? RetryAfter { get; init; }

    public bool IsOk => ErrorKind is null;

    public static XeroWriteResult<T> Ok(T input, T saved) => new() { Input = input, Saved = saved };

    public static XeroWriteResult<T> Failed(T input, ErrorKind kind, string error, TimeSpan? retryAfter = null) =>
        new() { Input = input, ErrorKind = kind, Error = error, RetryAfter = retryAfter };
}
