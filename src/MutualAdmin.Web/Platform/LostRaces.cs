using MutualAdmin.EventStore;
using Npgsql;

namespace MutualAdmin.Web.Platform;

/// <summary>
/// Runs a unit of work again when a concurrent one won: a stale stream version, or a row the winner
/// wrote first. The retry reads what the winner wrote, so the outcome is the one of some order.
/// </summary>
public static class LostRaces
{
    public static async Task<T> Retrying<T>(Func<Task<T>> unit, int attempts)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await unit();
            }
            catch (Exception e) when (attempt < attempts && IsLostRace(e))
            {
                await Task.Delay(Random.Shared.Next(1, 5 * attempt));
            }
        }
    }

    // Inline projections write before the append checks versions, so the loser of a race on one stream
    // may first collide with the winner's index rows: any unique violation of such a unit is a lost
    // race, decided again on what the winner wrote.
    private static bool IsLostRace(Exception e) => e is ConcurrencyException
        || e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DeadlockDetected };
}
