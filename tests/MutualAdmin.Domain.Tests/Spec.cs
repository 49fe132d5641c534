using System.Text.Json;

namespace MutualAdmin.Domain.Tests;

/// <summary>
/// Given events / when command / then events (or the rule that refuses it). Events are compared by
/// type and JSON so that records holding lists compare by content and a failure shows a readable diff.
/// </summary>
public sealed class Spec<TState, TCommand, TEvent>(
    TState initial, Func<TState, TEvent, TState> evolve, Func<TCommand, TState, IReadOnlyList<TEvent>> decide)
{
    public Act Given(params TEvent[] history) => new(history.Aggregate(initial, evolve), this);

    IReadOnlyList<TEvent> Decide(TCommand command, TState state) => decide(command, state);

    public sealed class Act(TState state, Spec<TState, TCommand, TEvent> spec)
    {
        public TState State => state;
        public Outcome When(TCommand command) => new(() => spec.Decide(command, state));
    }

    public sealed class Outcome(Func<IReadOnlyList<TEvent>> run)
    {
        public void Then(params TEvent[] expected) => Assert.Equal(Show(expected), Show(run()));

        public void ThenNothing() => Then();

        public DomainError ThenFails(string rule, string? code = null)
        {
            var error = Assert.Throws<DomainError>(() => run());
            Assert.Equal(rule, error.Rule);
            if (code is not null) Assert.Equal(code, error.Code);
            return error;
        }

        public IReadOnlyList<TEvent> Events => run();
    }

    static IReadOnlyList<string> Show(IEnumerable<TEvent> events) =>
        [.. events.Select(e => $"{e!.GetType().Name} {JsonSerializer.Serialize(e, e.GetType())}")];
}
