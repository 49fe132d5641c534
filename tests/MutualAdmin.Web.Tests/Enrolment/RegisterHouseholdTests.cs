using System.Net;
using System.Net.Http.Json;
using MutualAdmin.Domain.Enrolment;
using MutualAdmin.Testing;
using MutualAdmin.Web.Enrolment.Privacy;
using Npgsql;

namespace MutualAdmin.Web.Tests.Enrolment;

public sealed class RegisterHouseholdTests(TestCluster cluster) : EnrolmentTest(cluster)
{
    [Fact]
    public async Task E_1_E_2_a_household_is_registered_with_check_digit_numbers_and_read_back()
    {
        await Mutual("thies");
        var officer = await SignedIn("enrolment-officer@thies");
        var response = await Register(officer, Household(Person("Awa Diop", "SN-1985-0001", phone: "+221 77 123 45 67"),
            [Person("Moussa Diop", birthDate: "2015-06-01", relationship: "child")]));

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var registered = await Json(response);
        var numbers = registered.GetProperty("beneficiaries").EnumerateArray().Select(b => b.GetProperty("beneficiaryNumber").GetString()!).ToList();
        Assert.Equal(2, numbers.Count);
        Assert.All(numbers, n => Assert.True(BeneficiaryNumber.IsValid(n)));

        var member = await Json(await officer.GetAsync(response.Headers.Location));
        var people = member.GetProperty("beneficiaries").EnumerateArray().ToList();
        Assert.Equal("Awa Diop", people[0].GetProperty("fullName").GetString());
        Assert.Equal("SN-1985-0001", people[0].GetProperty("nationalId").GetString());
        Assert.Equal("child", people[1].GetProperty("relationship").GetString());
        Assert.Equal("not-affiliated", people[1].GetProperty("state").GetString());
    }

    [Fact]
    public async Task Personal_data_is_sealed_in_the_log_and_gone_once_the_key_is_erased()
    {
        await Mutual("thies");
        var officer = await SignedIn("enrolment-officer@thies");
        var response = await Register(officer, Household(Person("Khady Ndiaye", "SN-1990-7777", phone: "770000001")));
        var personId = (await Json(response)).GetProperty("beneficiaries")[0].GetProperty("personId").GetGuid();

        Assert.Equal(0, await Scalar("select count(*) from events where data::text like '%Khady%' or data::text like '%SN-1990%' or data::text like '%770000001%'"));
        var sealedText = (string)(await Service<NpgsqlDataSource>().CreateCommand(
            "select data ->> 'personal' from events where event_type = 'member-registered'").ExecuteScalarAsync())!;

        var fresh = new PersonKeys().Connect(Service<NpgsqlDataSource>());
        Assert.Equal("Khady Ndiaye", fresh.Open(personId, sealedText)!.FullName);
        await Service<NpgsqlDataSource>().CreateCommand($"delete from person_keys where person_id = '{personId}'").ExecuteNonQueryAsync();
        Assert.Null(new PersonKeys().Connect(Service<NpgsqlDataSource>()).Open(personId, sealedText));
    }

    [Fact]
    public async Task E_4_a_national_id_registered_in_another_mutual_is_refused_without_naming_it()
    {
        await Mutual("thies");
        await Mutual("kaolack");
        Assert.Equal(HttpStatusCode.Created, (await Register(await SignedIn("enrolment-officer@thies"), Household(Person("Awa Diop", "SN-42")))).StatusCode);

        var response = await Register(await SignedIn("enrolment-officer@kaolack"), Household(Person("Awa Diop", "sn 42")));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        var problem = await Json(response);
        Assert.Equal("E-4", problem.GetProperty("rule").GetString());
        Assert.Equal("NATIONAL_ID_ALREADY_REGISTERED", problem.GetProperty("code").GetString());
        Assert.DoesNotContain("thies", body, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, await Scalar("select count(*) from events where event_type = 'member-registered'"));
    }

    [Fact]
    public async Task E_4_concurrent_registrations_of_one_national_id_have_exactly_one_winner()
    {
        await Mutual("thies");
        await Mutual("kaolack");
        var clients = new[] { await SignedIn("enrolment-officer@thies"), await SignedIn("enrolment-officer@kaolack") };

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            Register(clients[i % 2], Household(Person($"Racer {i}", "SN-RACE-1", birthDate: $"19{60 + i}-01-01")))));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(11, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(1, await Scalar("select count(*) from events where event_type = 'member-registered'"));
        Assert.Equal(1, await Scalar("select count(*) from national_ids"));
        Assert.Equal(1, await Scalar("select count(*) from person_keys"));
    }

    [Fact]
    public async Task E_4_same_name_birth_date_and_locality_needs_staff_confirmation()
    {
        await Mutual("thies");
        var officer = await SignedIn("enrolment-officer@thies");
        await Register(officer, Household(Person("Fatou Sow")));

        var refused = await Register(officer, Household(Person("fatou  SOW")));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("POSSIBLE_DUPLICATE", (await Json(refused)).GetProperty("code").GetString());

        var confirmed = await Register(officer, Household(Person("Fatou Sow"), confirmedNotDuplicate: true));
        Assert.Equal(HttpStatusCode.Created, confirmed.StatusCode);
    }

    [Fact]
    public async Task E_1_a_person_without_birth_date_or_year_is_a_400_naming_the_field_and_writes_nothing()
    {
        await Mutual("thies");
        var officer = await SignedIn("enrolment-officer@thies");
        var response = await officer.PostAsJsonAsync("/api/members", new
        {
            member = new { fullName = "Awa", sex = "F", subsidyCategory = "standard" },
            locality = new { region = "Thiès", district = "Mbour", commune = "Joal" }, occupationCategory = "trade",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await Json(response)).GetProperty("errors").TryGetProperty("member.birthDate", out _));
        Assert.Equal(0, await Scalar("select count(*) from events where tenant_id = 'thies'"));
    }

    [Fact]
    public async Task E_1_an_unknown_occupation_is_a_400_naming_the_field_and_the_rule()
    {
        await Mutual("thies");
        var response = await (await SignedIn("enrolment-officer@thies")).PostAsJsonAsync("/api/members", new
        {
            member = Person("Awa Diop"),
            locality = new { region = "Thiès", district = "Mbour", commune = "Joal" }, occupationCategory = "astronaut",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("E-1", (await Json(response)).GetProperty("errors").GetProperty("occupationCategory")[0].GetString());
    }

    [Fact]
    public async Task E_3_a_child_of_21_is_refused_naming_the_dependant_and_nothing_is_written()
    {
        await Mutual("thies");
        var response = await Register(await SignedIn("enrolment-officer@thies"),
            Household(Person("Awa Diop"), [Person("Grand Fils", birthDate: "1990-01-01", relationship: "child")]));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await Json(response);
        Assert.Equal("E-3", problem.GetProperty("rule").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("dependants[0].birthDate", out _));
        Assert.Equal(0, await Scalar("select count(*) from events where tenant_id = 'thies'"));
    }

    [Fact]
    public async Task E_3_at_most_ten_beneficiaries_per_household()
    {
        await Mutual("thies");
        var dependants = Enumerable.Range(0, 10).Select(i => Person($"Enfant {i}", birthDate: $"201{i}-02-02", relationship: "child")).ToArray();
        var response = await Register(await SignedIn("enrolment-officer@thies"), Household(Person("Awa Diop"), dependants));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("HOUSEHOLD_FULL", (await Json(response)).GetProperty("code").GetString());
    }
}
