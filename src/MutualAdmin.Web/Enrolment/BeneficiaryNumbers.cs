using Npgsql;

namespace MutualAdmin.Web.Enrolment;

/// <summary>
/// E-2: numbers drawn from the platform-wide sequence, formatted with their Luhn digit by the domain.
/// A node takes the sequence's values a block at a time and hands them out from memory, so a
/// registration at the counter costs no round trip of its own for its numbers. Values a node never
/// hands out (it stopped) are gaps; numbers stay unique across tenants and nodes, which is all E-2 asks.
/// </summary>
public sealed class BeneficiaryNumbers(NpgsqlDataSource db)
{
    private const int Block = 256;
    private readonly Queue<long> spare = new();
    private readonly SemaphoreSlim refill = new(1, 1);

    public async Task<IReadOnlyList<string>> Draw(int count, CancellationToken ct)
    {
        // A collective import's batch asks for thousands: straight from the sequence.
        if (count > Block) return [.. (await Fetch(count, ct)).Select(Domain.Enrolment.BeneficiaryNumber.From)];
        await refill.WaitAsync(ct);
        try
        {
            if (spare.Count < count)
                foreach (var value in await Fetch(Block, ct)) spare.Enqueue(value);
            var numbers = new List<string>(count);
            for (var i = 0; i < count; i++) numbers.Add(Domain.Enrolment.BeneficiaryNumber.From(spare.Dequeue()));
            return numbers;
        }
        finally
        {
            refill.Release();
        }
    }

    private async Task<List<long>> Fetch(int count, CancellationToken ct)
    {
        await using var command = db.CreateCommand("select nextval('beneficiary_number_seq') from generate_series(1, $1)");
        command.Parameters.Add(new() { Value = count });
        var values = new List<long>(count);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) values.Add(reader.GetInt64(0));
        return values;
    }
}
