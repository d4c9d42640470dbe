using Npgsql;
using PaymentCore.Recharges;
using PaymentCore.Stores.Redis;

namespace PaymentCore.Ledger;

/// <summary>Reads recharges back from the ledger for what the hot store no longer holds.</summary>
public sealed class LedgerReader(LedgerDatabase database)
{
    public Task<Recharge?> GetAsync(string rechargeId, CancellationToken cancellationToken) =>
        LedgerDatabase.GuardAsync(async () =>
        {
            var rows = await QueryAsync("select list_key, document::text from recharges where recharge_id = @id", cancellationToken, ("id", rechargeId));
            return rows.Count == 0 ? null : rows[0].Recharge;
        });

    /// <summary>One version of a recharge as it was stored (an idempotency record's saved response).</summary>
    public Task<Recharge?> GetVersionAsync(string rechargeId, long version, CancellationToken cancellationToken) =>
        LedgerDatabase.GuardAsync(async () =>
        {
            var rows = await QueryAsync(
                "select recharge_id, document::text from recharge_versions where recharge_id = @id and version = @version",
                cancellationToken,
                ("id", rechargeId), ("version", version));
            return rows.Count == 0 ? null : rows[0].Recharge;
        });

    /// <summary>
    /// Up to <paramref name="max"/> of a user's recharges before <paramref name="cursor"/> (a user
    /// index member, exclusive), newest first, each with its index member.
    /// </summary>
    public Task<IReadOnlyList<(string Member, Recharge Recharge)>> ListByUserAsync(string userId, int max, string? cursor, CancellationToken cancellationToken) =>
        LedgerDatabase.GuardAsync(() => QueryAsync(
            cursor is null
                ? "select list_key, document::text from recharges where user_id = @user order by list_key desc limit @max"
                : "select list_key, document::text from recharges where user_id = @user and list_key < @cursor order by list_key desc limit @max",
            cancellationToken,
            ("user", userId), ("max", max), ("cursor", cursor ?? string.Empty)));

    public Task<string?> FindByGatewayReferenceAsync(string gateway, string gatewayReference, CancellationToken cancellationToken) =>
        LedgerDatabase.GuardAsync(async () =>
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(
                "select recharge_id from recharges where gateway = @gateway and gateway_reference = @reference limit 1", connection);
            command.Parameters.AddWithValue("gateway", gateway);
            command.Parameters.AddWithValue("reference", gatewayReference);
            return await command.ExecuteScalarAsync(cancellationToken) as string;
        });

    private async Task<IReadOnlyList<(string Member, Recharge Recharge)>> QueryAsync(
        string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var rows = new List<(string, Recharge)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetString(0), System.Text.Json.JsonSerializer.Deserialize(reader.GetString(1), RechargeJson.Default.Recharge)!));
        }

        return rows;
    }
}
