namespace MutualAdmin.Web.Ui.Enrolment;

/// <summary>An import's report as the API gives it, while it runs and at the end (E-10).</summary>
public sealed record ImportView(Guid ImportId, string Collector, bool Finished, long RowsDone, long HouseholdsRegistered,
    long RowsRegistered, long RowsAlreadyRegistered, long RowsRejected, IReadOnlyList<ImportProblem> Problems);

public sealed record ImportProblem(int Row, string Field, string Reason);

/// <summary>Counts the bytes the upload has read, for the progress bar: the file's size is known, its rows are not.</summary>
public sealed class CountingStream(Stream inner) : Stream
{
    public long BytesRead { get; private set; }

    public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) =>
        Counted(await inner.ReadAsync(buffer, ct));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    private int Counted(int read)
    {
        BytesRead += read;
        return read;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => inner.Length;
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
