using MutualAdmin.EventStore.Chain;
using MutualAdmin.EventStore.Migrations;
using MutualAdmin.EventStore.Streams;
using MutualAdmin.Testing;

namespace MutualAdmin.EventStore.Tests;

public sealed class BulkAndCanonicalTests(TestCluster cluster) : StoreTest(cluster)
{
    [Theory]
    [InlineData("""{"b":1,"a":2,"aa":{"z":[1,2,{"y":null}],"é":"x"}}""")]
    [InlineData("""{"text":"quote \" backslash \\ tab \t newline \n bell \u0007 unicode \u00e9 \u4e2d emoji \ud83d\ude00 slash /"}""")]
    [InlineData("""{"numbers":[0,-12,3.50,1e3,2.5E-3,9007199254740993],"flags":[true,false],"empty":{},"none":[]}""")]
    [InlineData("""{"long key first?":1,"k":2,"kk":3,"Kk":4,"kK":5}""")]
    [InlineData("""{"k\u00e9y":1,"ke\"y":2,"a":[{"y":2,"x":[{"b":1,"a":0}]}],"a":3,"a":4,"\u0001":"\u001f"}""")]
    [InlineData("""[{"b":1,"a":2},"x",[],-0.0,1E+2]""")]
    public async Task Canonical_json_is_byte_for_byte_what_postgres_prints_for_jsonb(string json)
    {
        await using var command = DataSource.CreateCommand("select $1::jsonb::text");
        command.Parameters.Add(new() { Value = json });
        Assert.Equal((string)(await command.ExecuteScalarAsync())!, CanonicalJson.Normalize(json));
    }

    [Fact]
    public async Task Bulk_appended_streams_read_back_in_order_and_keep_the_chain_intact()
    {
        await Append("bulk", Stream("bulk"), ExpectedVersion.NoStream, new AccountOpened("before"));
        var bulk = Store.Bulk(As("bulk", "import"));
        var ids = Enumerable.Range(0, 300).Select(i => Stream("bulk", $"member-{i:D4}")).ToList();
        foreach (var id in ids) bulk.StartStream(id, "account", new AccountOpened($"Awa \"{id.Key}\" é"), new Deposited(7000));
        var last = await bulk.Save();
        await Append("bulk", ids[0], ExpectedVersion.Exactly(2), new Withdrawn(1));

        var all = await Store.ReaderFor("bulk").ReadAllAfter(0, 10_000);
        Assert.Equal(1 + 600 + 1, all.Count);
        Assert.Equal(last, all[^2].Position);
        Assert.Equal(new Deposited(7000), all[2].Data);
        Assert.True((await Store.VerifyChain("bulk")).Intact);
        Assert.Equal(3, await Scalar($"select version from streams where tenant_id = 'bulk' and stream_id = '{ids[0].Key}'"));
    }

    [Fact]
    public async Task A_bulk_batch_with_an_existing_stream_fails_whole()
    {
        var existing = Stream("bulk-conflict");
        await Append("bulk-conflict", existing, ExpectedVersion.NoStream, new AccountOpened("first"));
        var bulk = Store.Bulk(As("bulk-conflict"));
        bulk.StartStream(Stream("bulk-conflict"), "account", new AccountOpened("new"));
        bulk.StartStream(existing, "account", new AccountOpened("again"));
        await Assert.ThrowsAsync<ConcurrencyException>(() => bulk.Save());
        Assert.Equal(1, await Scalar("select count(*) from events where tenant_id = 'bulk-conflict'"));
    }

    [Fact]
    public async Task Migrations_are_recorded_once_and_can_run_again()
    {
        await Store.Migrate();
        await Store.Migrate();
        Assert.Equal(Migrator.Store.Count, await Scalar("select count(*) from schema_migrations where module = 'store'"));
        Assert.True(await Migrator.IsUpToDate(DataSource, Migrator.Store));
    }

    [Fact]
    public async Task A_script_whose_text_changed_is_applied_again_and_only_then()
    {
        MigrationScript Version(string sql) => new("probe", 1, "001_probe.sql", sql);
        await Migrator.Apply(DataSource, [Version("create table if not exists probe (x int)")]);
        var changed = Version("create table if not exists probe (x int); insert into probe values (1)");
        Assert.False(await Migrator.IsUpToDate(DataSource, [changed]));

        await Migrator.Apply(DataSource, [changed]);
        await Migrator.Apply(DataSource, [changed]);
        Assert.Equal(1, await Scalar("select count(*) from probe"));
        Assert.True(await Migrator.IsUpToDate(DataSource, [changed]));
    }
}
