using System.Security.Cryptography;
using EventAgents.Infrastructure.Persistence;
using Npgsql;

namespace EventAgents.Infrastructure.Tenants.Exports;

/// <summary>
/// Writes an export's content as fixed-size chunks, hashing as it goes. Each chunk is committed on its own and fenced by the
/// attempt that claimed the export: once another instance has taken the export over (the lease ran out), this writer stops.
/// </summary>
internal sealed class ExportChunkWriter(NpgsqlDataSource dataSource, Guid exportId, int attempt, int chunkBytes, TimeSpan lease) : IDisposable
{
    private const string InsertChunkSql =
        "WITH owner AS (UPDATE tenant_exports SET lease_expires_at = now() + $5 * interval '1 second' WHERE id = $1 AND attempts = $4 AND status = 'running' RETURNING id) " +
        "INSERT INTO tenant_export_chunks (export_id, chunk, content) SELECT $1, $2, $3 FROM owner";

    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _buffer = new byte[chunkBytes];
    private int _filled;
    private int _chunk;

    public long Bytes { get; private set; }

    public long Lines { get; private set; }

    public async Task WriteLineAsync(string json, CancellationToken cancellationToken)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(json + "\n");
        _hash.AppendData(bytes);
        Bytes += bytes.Length;
        Lines++;
        var offset = 0;
        while (offset < bytes.Length)
        {
            var take = Math.Min(bytes.Length - offset, _buffer.Length - _filled);
            bytes.AsSpan(offset, take).CopyTo(_buffer.AsSpan(_filled));
            _filled += take;
            offset += take;
            if (_filled == _buffer.Length)
            {
                await FlushAsync(cancellationToken);
            }
        }
    }

    /// <summary>Writes what is left and returns the content's hex SHA-256.</summary>
    public async Task<string> CompleteAsync(CancellationToken cancellationToken)
    {
        if (_filled > 0)
        {
            await FlushAsync(cancellationToken);
        }

        return Convert.ToHexStringLower(_hash.GetHashAndReset());
    }

    public void Dispose() => _hash.Dispose();

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(InsertChunkSql);
        command.Add<Guid>(exportId);
        command.Add<int>(_chunk);
        command.Add<byte[]>(_buffer.AsSpan(0, _filled).ToArray());
        command.Add<int>(attempt);
        command.Add<double>(lease.TotalSeconds);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw new ExportTakenOverException();
        }

        _chunk++;
        _filled = 0;
    }
}
