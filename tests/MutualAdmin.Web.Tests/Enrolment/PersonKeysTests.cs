using MutualAdmin.Domain.Enrolment;
using MutualAdmin.EventStore.Projections;
using MutualAdmin.Testing;
using MutualAdmin.Web.Enrolment;
using MutualAdmin.Web.Enrolment.Privacy;
using Npgsql;

namespace MutualAdmin.Web.Tests.Enrolment;

/// <summary>
/// The keys that seal personal data: a new person's key stays pinned from sealing until the inline index
/// writes it, the index never mints one of its own, and the cache of keys is bounded.
/// </summary>
public sealed class PersonKeysTests(TestCluster cluster) : EnrolmentTest(cluster)
{
    private static readonly PersonalData Awa = new("Awa Diop", new DateOnly(1985, 4, 12), "770000001", "SN-1985-0001", null);

    [Fact]
    public void A_new_persons_key_is_pinned_from_sealing_until_the_index_takes_it_once()
    {
        var keys = new PersonKeys(cacheCapacity: 4);
        var person = Guid.CreateVersion7();

        var first = keys.Seal(person, Awa, newPerson: true);
        var again = keys.Seal(person, Awa, newPerson: true); // the same unit sealed again after a failed attempt
        Assert.Equal(1, keys.PinnedCount);

        var key = keys.TakeMinted(person);
        Assert.Equal(0, keys.PinnedCount);
        var reader = new PersonKeys();
        Assert.Null(reader.Open(person, first)); // another node, no key yet
        Assert.Equal("Awa Diop", keys.Open(person, first)!.FullName);
        Assert.Equal("Awa Diop", keys.Open(person, again)!.FullName);
        Assert.Equal(32, key.Length);
        Assert.Throws<InvalidOperationException>(() => keys.TakeMinted(person));
    }

    [Fact]
    public void The_index_never_mints_a_key_that_no_event_was_sealed_with()
    {
        var keys = new PersonKeys();
        Assert.Throws<InvalidOperationException>(() => keys.TakeMinted(Guid.CreateVersion7()));
        Assert.Equal(0, keys.PinnedCount);
    }

    [Fact]
    public void A_correction_is_sealed_with_the_persons_stored_key_and_never_mints_one()
    {
        var keys = new PersonKeys();
        Assert.Throws<InvalidOperationException>(() => keys.Seal(Guid.CreateVersion7(), Awa, newPerson: false));
        Assert.Equal(0, keys.PinnedCount);
    }

    [Fact]
    public void The_key_cache_holds_at_most_its_capacity()
    {
        var keys = new PersonKeys(cacheCapacity: 10);
        var people = Enumerable.Range(0, 100).Select(_ => Guid.CreateVersion7()).ToList();
        var sealedData = people.Select(p => keys.Seal(p, Awa, newPerson: true)).ToList();
        foreach (var person in people) keys.TakeMinted(person);

        Assert.Equal(10, keys.CachedCount);
        // The last ten written are the ones kept: the async projections read the newest events first.
        Assert.All(people.TakeLast(10).Zip(sealedData.TakeLast(10)), p => Assert.Equal("Awa Diop", keys.Open(p.First, p.Second)!.FullName));
        Assert.Null(keys.Open(people[0], sealedData[0])); // dropped, and no database to read it again from
    }

    [Fact]
    public async Task A_miss_reads_the_keys_of_the_people_registered_from_that_millisecond_on_in_one_query()
    {
        await Mutual("thies");
        var officer = await SignedIn("enrolment-officer@thies");
        var response = await Register(officer, Household(Person("Khady Ndiaye", "SN-1990-7778"),
            [Person("Ibou Ndiaye", birthDate: "2015-06-01", relationship: "child"), Person("Fama Ndiaye", birthDate: "2017-02-01", relationship: "child")]));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var sealedPeople = await SealedPeople();

        var keys = new PersonKeys().Connect(Service<NpgsqlDataSource>());
        Assert.Equal("Khady Ndiaye", keys.Open(sealedPeople[0].Person, sealedPeople[0].Sealed)!.FullName);
        // The dependants' keys came with the member's: gone from the database now, they still open.
        await using (var delete = Service<NpgsqlDataSource>().CreateCommand("delete from person_keys where person_id <> $1"))
        {
            delete.Parameters.Add(new() { Value = sealedPeople[0].Person });
            await delete.ExecuteNonQueryAsync();
        }
        Assert.Equal(["Ibou Ndiaye", "Fama Ndiaye"], sealedPeople.Skip(1).Select(p => keys.Open(p.Person, p.Sealed)!.FullName));
        Assert.Null(new PersonKeys().Connect(Service<NpgsqlDataSource>()).Open(sealedPeople[1].Person, sealedPeople[1].Sealed));
    }

    [Fact]
    public async Task A_reader_with_sealed_parts_closed_reads_the_clear_part_and_fetches_no_key()
    {
        await Mutual("thies");
        var response = await Register(await SignedIn("enrolment-officer@thies"), Household(Person("Awa Diop", "SN-1985-0002")));
        var registered = await Json(response);
        var (household, person) = (registered.GetProperty("householdId").GetGuid(), registered.GetProperty("beneficiaries")[0].GetProperty("personId").GetGuid());
        // The projections open the new person's key as they read the registration: let them finish first,
        // so that only the readers below can touch the cache.
        await Service<ProjectionDaemon>().WaitForCatchUp(TimeSpan.FromSeconds(30));
        var keys = Service<PersonKeys>();
        keys.Forget(person);
        var cached = keys.CachedCount;
        var stream = EnrolmentStreams.Household("thies", household);

        var closed = (MemberRegistered)(await Service<EventStore.EventStore>().ReaderFor("thies").WithSealedPartsClosed().ReadStream(stream))[0].Data;
        Assert.Null(closed.Personal);
        Assert.Equal(registered.GetProperty("beneficiaries")[0].GetProperty("beneficiaryNumber").GetString(), closed.BeneficiaryNumber);
        Assert.Equal(cached, keys.CachedCount);

        var open = (MemberRegistered)(await Service<EventStore.EventStore>().ReaderFor("thies").ReadStream(stream))[0].Data;
        Assert.Equal("Awa Diop", open.Personal.FullName);
        Assert.True(keys.CachedCount > cached);
    }

    [Fact]
    public void The_millisecond_of_a_uuid_v7_is_its_smallest_uuid_of_that_millisecond()
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_790_000_000_123);
        var id = Guid.CreateVersion7(at);
        var floor = PersonKeys.MillisecondOf(id);

        Assert.Equal(id.ToString()[..13], floor.ToString()[..13]); // 48 bits of milliseconds: "xxxxxxxx-xxxx"
        Assert.Equal("-0000-0000-000000000000", floor.ToString()[13..]);
        Assert.True(floor.CompareTo(id) <= 0 && Guid.CreateVersion7(at.AddMilliseconds(-1)).CompareTo(floor) < 0);
    }

    [Fact]
    public async Task A_key_dropped_from_the_cache_is_read_again_from_the_database()
    {
        await Mutual("thies");
        var officer = await SignedIn("enrolment-officer@thies");
        var response = await Register(officer, Household(Person("Khady Ndiaye", "SN-1990-7777"),
            [Person("Ibou Ndiaye", birthDate: "2015-06-01", relationship: "child"), Person("Fama Ndiaye", birthDate: "2017-02-01", relationship: "child")]));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());

        var keys = new PersonKeys(cacheCapacity: 1).Connect(Service<NpgsqlDataSource>());
        var names = (await SealedPeople()).Select(p => keys.Open(p.Person, p.Sealed)!.FullName).ToList();

        Assert.Equal(["Khady Ndiaye", "Ibou Ndiaye", "Fama Ndiaye"], names);
        Assert.Equal(1, keys.CachedCount);
    }

    /// <summary>Each registered person's id and sealed personal data, in log order.</summary>
    private async Task<List<(Guid Person, string Sealed)>> SealedPeople()
    {
        var people = new List<(Guid, string)>();
        await using var command = Service<NpgsqlDataSource>().CreateCommand(
            "select (data ->> 'personId')::uuid, data ->> 'personal' from events where event_type in ('member-registered', 'dependant-added') order by seq");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) people.Add((reader.GetGuid(0), reader.GetString(1)));
        return people;
    }
}
