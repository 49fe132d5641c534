using MutualAdmin.EventStore.Projections;
using MutualAdmin.EventStore.Streams;
using MutualAdmin.Testing;
using Npgsql;

namespace MutualAdmin.EventStore.Tests.Projections;

/// <summary>An inline read model commits with the events, and its constraint refuses the whole unit of work.</summary>
public sealed class InlineProjectionTests(TestCluster cluster) : ProjectionTest(cluster)
{
    /// <summary>Deposit amounts stand in for receipt numbers, unique per tenant.</summary>
    private sealed class ReceiptNumbers : IInlineProjection
    {
        public async Task Apply(string tenant, IReadOnlyList<PendingEvent> events, NpgsqlConnection connection,
            NpgsqlTransaction transaction, CancellationToken ct)
        {
            foreach (var deposit in events.Select(e => e.Data).OfType<Deposited>())
            {
                await using var insert = new NpgsqlCommand("insert into receipts values ($1, $2)", connection, transaction);
                insert.Parameters.Add(new() { Value = tenant });
                insert.Parameters.Add(new() { Value = deposit.Amount });
                await insert.ExecuteNonQueryAsync(ct);
            }
        }
    }

    [Fact]
    public async Task Inline_rows_commit_with_the_events_and_a_violated_constraint_refuses_the_unit_of_work()
    {
        await Execute("create table receipts (tenant_id text, number bigint, primary key (tenant_id, number))");
        Store.InlineProjections.Add(new ReceiptNumbers());
        await Append("mutual-a", Stream("mutual-a"), ExpectedVersion.NoStream, new Deposited(1001));
        var head = await Store.HeadPosition();

        var duplicate = await Assert.ThrowsAsync<PostgresException>(() =>
            Append("mutual-a", Stream("mutual-a"), ExpectedVersion.NoStream, new Deposited(1002), new Deposited(1001)));

        Assert.Equal(PostgresErrorCodes.UniqueViolation, duplicate.SqlState);
        Assert.Equal(head, await Store.HeadPosition());
        Assert.Equal(1, await Scalar("select count(*) from receipts"));
        await Append("mutual-b", Stream("mutual-b"), ExpectedVersion.NoStream, new Deposited(1001)); // another tenant's number
        Assert.Equal(2, await Scalar("select count(*) from receipts"));
    }

    [Fact]
    public async Task Inline_rows_roll_back_when_the_append_loses_a_concurrency_race()
    {
        await Execute("create table receipts (tenant_id text, number bigint, primary key (tenant_id, number))");
        Store.InlineProjections.Add(new ReceiptNumbers());
        var id = Stream("mutual-a");
        await Append("mutual-a", id, ExpectedVersion.NoStream, new Deposited(1));

        await Assert.ThrowsAsync<ConcurrencyException>(() => Append("mutual-a", id, ExpectedVersion.NoStream, new Deposited(2)));

        Assert.Equal(0, await Scalar("select count(*) from receipts where number = 2"));
    }
}
