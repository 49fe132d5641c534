namespace MutualAdmin.Web.Ui.Admin;

// The parts of the administration API's answers these pages show.

public sealed record DeadLetterView(long Position, Guid EventId, int Attempts, string? LastError, DateTimeOffset DeadAt, DateTimeOffset? RetriedAt);

public sealed record WebhookView(Guid Id, string ClientId, string Url, string[] Types, long DeliveredPosition, int Attempts,
    DateTimeOffset NextAttemptAt, DateTimeOffset? FailingSince, string? LastError, DateTimeOffset? DisabledAt, string? DisabledReason,
    IReadOnlyList<DeadLetterView> DeadLetters);

public sealed record RebuildView(long Done, long Total, double RatePerSecond);

public sealed record ProjectionView(string Name, int Generation, bool Live, string State, long Checkpoint, long Head, double LagSeconds,
    string? PausedReason, long OpenDeadLetters, RebuildView? Rebuild);

/// <summary>An event a projection could not apply (it paused on it), as GET /api/admin/projections/dead-letters lists it.</summary>
public sealed record ProjectionDeadLetterView(string Projection, int Generation, long Position, string StreamKey, string EventType, string Error,
    DateTimeOffset FailedAt);

public sealed record UserView(Guid Id, string Username, string DisplayName, IReadOnlyList<string> Roles, string Language, DateTimeOffset? DisabledAt);

public sealed record ApiClientView(string ClientId, string Kind, string Name, string? Tenant, string? Provider,
    DateTimeOffset CreatedAt, DateTimeOffset? RotatedAt, DateTimeOffset? RevokedAt);

/// <summary>A new secret, as creation or rotation answers it: the only time it is ever shown.</summary>
public sealed record IssuedSecretView(string ClientId, string ClientSecret);
