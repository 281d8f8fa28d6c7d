using System.Data.Common;
using System.Net.Sockets;

namespace D365Xero.Journal;

/// <summary>
/// The store going away (PostgreSQL restarting or out of reach, a SQLite file read-only or its disk full) is
/// an expected failure: logged as one line, without a stack trace, and tried again. Anything else is a bug.
/// </summary>
public static class StoreFailure
{
    public static bool IsExpected(Exception e) =>
        e is DbException or StoreUnavailableException or SocketException or TimeoutException or IOException
        || (e.InnerException is { } inner && IsExpected(inner));

    /// <summary>The exception for the log: null (one line) when expected, itself (with its stack trace) when a bug.</summary>
    public static Exception? ForLog(Exception e) => IsExpected(e) ? null : e;
}
