using EventAgents.Infrastructure.Persistence;
using Npgsql;

namespace EventAgents.Infrastructure.Tenants.Exports;

/// <summary>
/// A finished export's content, read-only and seekable over its stored chunks: ASP.NET Core serves byte ranges from it
/// (seek, then read), fetching only the chunks a range touches, one at a time.
/// </summary>
internal sealed class ExportContentStream(NpgsqlDataSource dataSource, Guid exportId, long length, int chunkBytes) : Stream
{
    private const string ChunkSql = "SELECT content FROM tenant_export_chunks WHERE export_id = $1 AND chunk = $2";

    private byte[]? _chunk;
    private long _chunkIndex = -1;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length { get; } = length;

    public override long Position { get; set; }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (Position >= Length || buffer.Length == 0)
        {
            return 0;
        }

        var index = Position / chunkBytes;
        if (index != _chunkIndex)
        {
            await using var command = dataSource.CreateCommand(ChunkSql);
            command.Add<Guid>(exportId);
            command.Add<int>((int)index);
            _chunk = await command.ExecuteScalarAsync(cancellationToken) as byte[]
                ?? throw new IOException($"Chunk {index} of export {exportId} is missing.");
            _chunkIndex = index;
        }

        var offset = (int)(Position - index * chunkBytes);
        var count = Math.Min(buffer.Length, _chunk!.Length - offset);
        _chunk.AsSpan(offset, count).CopyTo(buffer.Span);
        Position += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // Kestrel forbids synchronous I/O, so nothing reads this way; the Stream contract still needs it.
    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => Position + offset,
        SeekOrigin.End => Length + offset,
        _ => throw new ArgumentOutOfRangeException(nameof(origin)),
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
