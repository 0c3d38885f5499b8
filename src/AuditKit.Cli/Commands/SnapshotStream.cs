namespace AuditKit.Cli.Commands;

/// <summary>
/// A submission file read as it was when it was opened: never past the length it had then (rows appended meanwhile are
/// not half read), and an <see cref="IOException"/> when it ends sooner (it was cut short while it was read), so that a
/// row cut off by the truncation is never taken as a whole one. <see cref="Changed"/> says afterwards whether the file
/// was written to or replaced while it was read.
/// </summary>
internal sealed class SnapshotStream : Stream
{
    private readonly FileStream _inner;
    private readonly string _path;
    private readonly long _length;
    private readonly DateTime _written;

    public SnapshotStream(string path)
    {
        _path = path;
        _inner = File.OpenRead(path);
        _length = _inner.Length;
        _written = File.GetLastWriteTimeUtc(path);
    }

    /// <summary>True when the file at the path is not the one read, as it was: another size or time, or gone.</summary>
    public bool Changed
    {
        get
        {
            var now = new FileInfo(_path);
            return !now.Exists || now.Length != _length || now.LastWriteTimeUtc != _written;
        }
    }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _inner.Position;
        set => _inner.Position = value;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var left = _length - _inner.Position;
        if (left <= 0 || buffer.IsEmpty)
        {
            return 0;
        }

        var read = _inner.Read(buffer[..(int)Math.Min(buffer.Length, left)]);
        if (read == 0)
        {
            throw new IOException("The file became shorter while it was read.");
        }

        return read;
    }

    public override long Seek(long offset, SeekOrigin origin) => _inner.Seek(offset, origin);

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
