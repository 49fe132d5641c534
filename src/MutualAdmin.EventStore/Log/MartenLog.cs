using System.Runtime.CompilerServices;
using JasperFx;
using JasperFx.Events;
using JasperFx.MultiTenancy;
using Marten;
using Marten.Services;
using Marten.Storage;
using MutualAdmin.EventStore.Events;
using MutualAdmin.EventStore.Migrations;
using Npgsql;

namespace MutualAdmin.EventStore.Log;

/// <summary>
/// The one place the log's Marten store is configured. Streams are named by strings inside a
/// tenant (conjoined tenancy: one mutual, one tenant); events are stored under the domain's stable
/// aliases, never CLR names, with who-and-why metadata in Marten's own columns; positions and
/// versions are bigint. Marten's tables live in the platform's schema beside the project's own
/// (the hash chain, projections), and are created or patched by <see cref="EventStore.Migrate"/>, not
/// on first use.
/// </summary>
internal static class MartenLog
{
    public static DocumentStore Create(NpgsqlDataSource dataSource, EventTypes types, ConditionalWeakTable<object, string>? prepared = null) =>
        new(Options(dataSource, types, prepared));

    public static StoreOptions Options(NpgsqlDataSource dataSource, EventTypes types, ConditionalWeakTable<object, string>? prepared = null)
    {
        var options = new StoreOptions();
        options.Connection(dataSource);
        options.DatabaseSchemaName = Migrator.Schema;
        options.Events.DatabaseSchemaName = Migrator.Schema;
        options.Events.TenancyStyle = TenancyStyle.Conjoined;
        options.Events.StreamIdentity = StreamIdentity.AsString;
        options.Events.AppendMode = EventAppendMode.Quick;
        options.Events.EnableBigIntEvents = true;
        options.Events.MetadataConfig.CorrelationIdEnabled = true;
        options.Events.MetadataConfig.CausationIdEnabled = true;
        options.Events.MetadataConfig.HeadersEnabled = true;
        options.Events.MetadataConfig.UserNameEnabled = true;
        options.AutoCreateSchemaObjects = AutoCreate.None;
        // No retry of a failed append by Marten: the unit owns its transaction, which a failure has
        // already ended (a retry then fails with "transaction is already completed" and hides the
        // real error, e.g. a full disk that must answer 503). Units are retried whole, by their callers.
        options.ConfigureWritePolly(_ => { });
        options.UseSystemTextJsonForSerialization();
        options.Serializer(new LogSerializer(options.Serializer(), types, prepared));
        foreach (var (type, alias) in types.All) options.Events.MapEventType(type, alias);
        return options;
    }

    /// <summary>The session a unit of work appends through: the caller's tenant, the unit's own transaction.</summary>
    public static IDocumentSession Session(DocumentStore store, string tenant, NpgsqlTransaction transaction, EventMetadata metadata)
    {
        var options = SessionOptions.ForTransaction(transaction, shouldAutoCommit: false);
        options.TenantId = tenant;
        var session = store.LightweightSession(options);
        session.CorrelationId = metadata.CorrelationId;
        session.CausationId = metadata.CausationId;
        session.LastModifiedBy = metadata.UserId;
        session.SetHeader(Headers.Command, metadata.Command);
        if (metadata.Role is { } role) session.SetHeader(Headers.Role, role);
        if (metadata.ClientId is { } client) session.SetHeader(Headers.ClientId, client);
        if (metadata.Reason is { } reason) session.SetHeader(Headers.Reason, reason);
        return session;
    }

    /// <summary>Header names, the same words as <see cref="EventMetadata"/>'s JSON (the chain hashes that shape, 007_marten_log.sql).</summary>
    public static class Headers
    {
        public const string Command = "command";
        public const string Role = "role";
        public const string ClientId = "clientId";
        public const string Reason = "reason";
        /// <summary>Only on events of a type past its first schema version (the views read 1 when absent).</summary>
        public const string SchemaVersion = "schemaVersion";
    }
}
