using System.Text.Json.Nodes;
using MutualAdmin.EventStore.Events;
using MutualAdmin.EventStore.Streams;
using MutualAdmin.Testing;

namespace MutualAdmin.EventStore.Tests;

public sealed class ReadingTests(TestCluster cluster) : StoreTest(cluster)
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        // Instants must not depend on the server's zone: run this class's database far from UTC.
        await Execute("do $$ begin execute format('alter database %I set timezone = %L', current_database(), 'Pacific/Chatham'); end $$");
        DataSource.Clear();
    }

    [Fact]
    public async Task Time_travel_by_version_and_by_instant_in_a_non_utc_server_zone()
    {
        // The database's zone, not the session's: the store pins its own sessions to UTC (Marten
        // stamps events with "now() at time zone 'utc'"), which is what keeps instants right here.
        Assert.Equal("TimeZone=Pacific/Chatham", await ScalarText(
            "select array_to_string(setconfig, ',') from pg_db_role_setting where setdatabase = (select oid from pg_database where datname = current_database())"));
        var id = Stream("mutual-a");
        var opened = await Append("mutual-a", id, ExpectedVersion.NoStream, new AccountOpened("Awa"), new Deposited(100));
        await Task.Delay(50);
        await Append("mutual-a", id, ExpectedVersion.Exactly(2), new Withdrawn(30));

        var reader = Store.ReaderFor("mutual-a");
        var byVersion = await reader.AggregateStream(id, Account.Initial, Account.Evolve, version: 2);
        var byInstant = await reader.AggregateStream(id, Account.Initial, Account.Evolve, asOf: opened[1].RecordedAt);
        var now = await reader.AggregateStream(id, Account.Initial, Account.Evolve);
        var beforeAll = await reader.AggregateStream(id, Account.Initial, Account.Evolve, asOf: opened[0].RecordedAt.AddSeconds(-1));

        Assert.Equal((new Account("Awa", 100), 2L), byVersion!.Value);
        Assert.Equal((new Account("Awa", 100), 2L), byInstant!.Value);
        Assert.Equal((new Account("Awa", 70), 3L), now!.Value);
        Assert.Null(beforeAll);
        Assert.Equal(TimeSpan.Zero, opened[0].RecordedAt.Offset);
    }

    [Fact]
    public async Task An_old_schema_event_is_read_through_its_upcaster()
    {
        // Written when "deposited" was schema 1 with the amount in a field named "sum".
        await WriteRawEvent("mutual-a", "legacy", 1, "deposited", """{"sum": 250}""");
        var types = new EventTypes()
            .Register("account-opened", TestJson.Default.AccountOpened)
            .Register("deposited", TestJson.Default.Deposited, schemaVersion: 2)
            .Register("withdrawn", TestJson.Default.Withdrawn)
            .Upcast("deposited", 1, old => new JsonObject { ["amount"] = old["sum"]!.GetValue<long>() });
        var store = new EventStore(DataSource, types);

        var read = await store.ReaderFor("mutual-a").ReadStream(new StreamId("mutual-a", "legacy"));
        Assert.Equal(new Deposited(250), read.Single().Data);
        Assert.Equal(1, read.Single().SchemaVersion);
    }

    [Fact]
    public async Task An_unknown_event_type_is_read_as_unknown_and_skipped_by_folds()
    {
        var id = Stream("mutual-a");
        await Append("mutual-a", id, ExpectedVersion.NoStream, new AccountOpened("Awa"));
        await WriteRawEvent("mutual-a", id.Key, 2, "interest-paid", """{"rate": 3}""");

        var read = await Store.ReaderFor("mutual-a").ReadStream(id);
        Assert.Equal(new UnknownEvent("interest-paid", 1, """{"rate": 3}"""), read[1].Data);
        var folded = await Store.ReaderFor("mutual-a").AggregateStream(id, Account.Initial, Account.Evolve);
        Assert.Equal((new Account("Awa", 0), 2L), folded!.Value);
    }

    [Fact]
    public async Task A_tenant_scoped_session_neither_reads_nor_appends_another_tenants_streams()
    {
        var theirs = Stream("mutual-b");
        await Append("mutual-b", theirs, ExpectedVersion.NoStream, new AccountOpened("Binta"));
        await Append("mutual-a", Stream("mutual-a"), ExpectedVersion.NoStream, new AccountOpened("Awa"));

        await using var session = Store.OpenSession(As("mutual-a"));
        Assert.Throws<WrongTenantException>(() => session.Append(theirs, ExpectedVersion.Any, [new Deposited(1)]));
        await Assert.ThrowsAsync<WrongTenantException>(() => session.FetchForWriting(theirs, Account.Initial, Account.Evolve));
        await Assert.ThrowsAsync<WrongTenantException>(() => session.Reader.ReadStream(theirs));
        // The same key in another tenant is another stream.
        Assert.Empty(await session.Reader.ReadStream(new StreamId("mutual-a", theirs.Key)));
        Assert.All(await session.Reader.ReadAllAfter(0), e => Assert.Equal("mutual-a", e.Tenant));
        Assert.Contains(await Store.CrossTenant.ReadAllAfter(0), e => e.Tenant == "mutual-b");
    }

    [Fact]
    public async Task Several_streams_fetched_together_fold_each_to_its_own_state_and_version()
    {
        var (awa, binta, none) = (Stream("mutual-a"), Stream("mutual-a"), Stream("mutual-a"));
        await Append("mutual-a", awa, ExpectedVersion.NoStream, new AccountOpened("Awa"), new Deposited(100));
        await Append("mutual-a", binta, ExpectedVersion.NoStream, new AccountOpened("Binta"));
        await Append("mutual-a", awa, ExpectedVersion.Exactly(2), new Withdrawn(30));

        await using var session = Store.OpenSession(As("mutual-a"));
        var fetched = await session.FetchManyForWriting([binta, none, awa], Account.Initial, Account.Evolve);

        Assert.Equal([binta, none, awa], fetched.Select(f => f.Id));
        Assert.Equal((new Account("Binta", 0), 1L), (fetched[0].State, fetched[0].Version));
        Assert.Equal((Account.Initial, 0L), (fetched[1].State, fetched[1].Version));
        Assert.Equal((new Account("Awa", 70), 3L), (fetched[2].State, fetched[2].Version));
        // Appending on what was fetched together is checked per stream, like a single fetch.
        session.Append(fetched[0], new Deposited(5));
        session.Append(fetched[2], new Deposited(5));
        await session.SaveChanges();
        Assert.Equal(4L, (await Store.ReaderFor("mutual-a").ReadStream(awa))[^1].Version);
        await Assert.ThrowsAsync<WrongTenantException>(() =>
            session.FetchManyForWriting([awa, Stream("mutual-b")], Account.Initial, Account.Evolve));
    }

    private async Task<string> ScalarText(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
