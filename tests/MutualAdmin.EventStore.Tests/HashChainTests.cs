using MutualAdmin.EventStore.Chain;
using MutualAdmin.EventStore.Streams;
using MutualAdmin.Testing;

namespace MutualAdmin.EventStore.Tests;

public sealed class HashChainTests(TestCluster cluster) : StoreTest(cluster)
{
    /// <summary>Five events in tenant t, interleaved with another tenant's, whose chain must stay intact.</summary>
    private async Task<long[]> FiveEvents(string tenant)
    {
        var id = Stream(tenant);
        await Append(tenant, id, ExpectedVersion.NoStream, new AccountOpened("Awa"), new Deposited(1));
        await Append("bystander", Stream("bystander"), ExpectedVersion.NoStream, new AccountOpened("Other"));
        await Append(tenant, id, ExpectedVersion.Exactly(2), new Deposited(2), new Deposited(3), new Withdrawn(4));
        var positions = await Store.ReaderFor(tenant).ReadStream(id);
        return positions.Select(e => e.Position).ToArray();
    }

    [Fact]
    public async Task An_untouched_chain_is_intact()
    {
        await FiveEvents("intact");
        var result = await Store.VerifyChain("intact");
        Assert.True(result.Intact);
        Assert.Equal(5, result.EventsChecked);
    }

    [Fact]
    public async Task An_edited_row_is_found_at_its_position()
    {
        var p = await FiveEvents("edited");
        await Execute($"update mt_events set data = '{{\"amount\": 2000}}' where seq_id = (select seq_id from event_chain where position = {p[2]})");
        var result = await Store.VerifyChain("edited");
        Assert.Equal(("edited", p[2], (long?)p[1]), (result.FirstBreak!.Tenant, result.FirstBreak.Position, result.FirstBreak.PreviousPosition));
        Assert.True((await Store.VerifyChain("bystander")).Intact);
    }

    [Fact]
    public async Task An_edited_metadata_is_found_at_its_position()
    {
        var p = await FiveEvents("who");
        await Execute($"update mt_events set user_name = 'someone-else' where seq_id = (select seq_id from event_chain where position = {p[0]})");
        Assert.Equal(p[0], (await Store.VerifyChain("who")).FirstBreak!.Position);
    }

    [Fact]
    public async Task A_deleted_row_breaks_the_chain_at_the_next_event_naming_the_gap()
    {
        var p = await FiveEvents("deleted");
        await Execute($"delete from mt_events where seq_id = (select seq_id from event_chain where position = {p[2]})");
        var broken = (await Store.VerifyChain("deleted")).FirstBreak!;
        Assert.Equal((p[3], (long?)p[1]), (broken.Position, broken.PreviousPosition));
    }

    [Fact]
    public async Task An_inserted_row_is_found_at_its_position()
    {
        var p = await FiveEvents("inserted");
        // A forged event: a real one copied under a new position and version, with the copied hash.
        var forged = p[4] + 5_000_000_000;
        await Execute($"""
            insert into mt_events (seq_id, id, tenant_id, stream_id, version, type, data, timestamp, correlation_id, causation_id, user_name, headers)
            select nextval('mt_events_sequence'), gen_random_uuid(), tenant_id, stream_id, version + 100, type, data, timestamp, correlation_id, causation_id, user_name, headers
              from mt_events where seq_id = (select seq_id from event_chain where position = {p[2]});
            insert into event_chain (position, tenant_id, seq_id, hash)
            select {forged}, tenant_id, currval('mt_events_sequence'), hash from event_chain where position = {p[2]};
            """);
        Assert.Equal(forged, (await Store.VerifyChain("inserted")).FirstBreak!.Position);
    }

    [Fact]
    public async Task Swapped_rows_are_found_at_the_first_of_them()
    {
        var p = await FiveEvents("swapped");
        await Execute($"""
            update mt_events set seq_id = -1 where seq_id = (select seq_id from event_chain where position = {p[1]});
            update mt_events set seq_id = (select seq_id from event_chain where position = {p[1]}) where seq_id = (select seq_id from event_chain where position = {p[3]});
            update mt_events set seq_id = (select seq_id from event_chain where position = {p[3]}) where seq_id = -1;
            """);
        Assert.Equal(p[1], (await Store.VerifyChain("swapped")).FirstBreak!.Position);
    }

    [Fact]
    public async Task The_chain_over_all_tenants_reports_the_first_broken_tenant()
    {
        // Tenants are checked in name order; this one sorts before the others of the class.
        var p = await FiveEvents("a-everyone");
        await Execute($"update mt_events set type = 'deposited' where seq_id = (select seq_id from event_chain where position = {p[4]})");
        var result = await Store.VerifyChain(null);
        Assert.Equal(("a-everyone", p[4]), (result.FirstBreak!.Tenant, result.FirstBreak.Position));
    }

    [Fact]
    public void The_hash_is_specified_as_the_readme_says()
    {
        // sha256 of 32 zero bytes followed by "1\nt\ns\n1\ndeposited\n1\n{\"amount\": 5}\n{}"
        var hash = EventHash.Compute(EventHash.Genesis, 1, "t", "s", 1, "deposited", 1, """{"amount": 5}""", "{}");
        var expected = System.Security.Cryptography.SHA256.HashData(
            [.. new byte[32], .. System.Text.Encoding.UTF8.GetBytes("1\nt\ns\n1\ndeposited\n1\n{\"amount\": 5}\n{}")]);
        Assert.Equal(expected, hash);
    }
}
