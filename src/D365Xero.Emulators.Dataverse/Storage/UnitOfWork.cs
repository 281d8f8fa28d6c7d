namespace D365Xero.Emulators.Dataverse;

/// <summary>
/// An atomic set of writes: a single request, an UpdateMultiple, or a $batch change set (docs/dataverse-rules.md#d-batch; learn.microsoft.com/power-apps/developer/data-platform/webapi/execute-batch-operations-using-web-api:
/// "A change set is atomic"). Dispose without Commit undoes every write; events reach webhooks only on commit.
/// A unit begun inside another joins it, so the outermost one decides.
/// </summary>
internal sealed class UnitOfWork : IDisposable
{
    private readonly DataverseStore _store;
    private readonly UnitOfWork? _parent;
    private readonly List<Action> _undo = [];
    private readonly List<RowEvent> _events = [];
    private bool _done;

    public UnitOfWork(DataverseStore store, UnitOfWork? parent)
    {
        _store = store;
        _parent = parent;
    }

    public void OnUndo(Action undo)
    {
        if (_parent is not null) _parent.OnUndo(undo);
        else _undo.Add(undo);
    }

    public void Raise(RowEvent e)
    {
        if (_parent is not null) _parent.Raise(e);
        else _events.Add(e);
    }

    public void Commit()
    {
        if (_done || _parent is not null) { _done = true; return; }
        _done = true;
        _store.Completed(this, _events);
    }

    public void Dispose()
    {
        if (_done || _parent is not null) return;
        _done = true;
        for (var i = _undo.Count - 1; i >= 0; i--) _undo[i]();
        _store.Completed(this, []);
    }
}
