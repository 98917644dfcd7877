package dev.polyledger.ledger.application.port.in;

import dev.polyledger.ledger.domain.ValidationException;
import java.util.List;
import java.util.Objects;

/**
 * Money movements answered as one: a single transfer, credit or debit, or an atomic batch (api-contract.md,
 * "Batches and mass payouts"). Either every command posts, in list order, or none does.
 *
 * @param commands the movements, in order; 1 for a single one, 1..{@value #MAX_ATOMIC_ITEMS} for a batch
 * @param batch    whether this is a batch: its items' invalid fields are then named {@code items[i].field}
 */
public record Postings(List<PostTransferCommand> commands, boolean batch) {
    /** Most items of an atomic batch: they share one transaction and its account locks. */
    public static final int MAX_ATOMIC_ITEMS = 1_000;

    /** @throws ValidationException (field {@code items}) for an empty batch or one above the limit */
    public Postings {
        commands = List.copyOf(Objects.requireNonNull(commands, "commands"));
        if (commands.isEmpty()) {
            throw new ValidationException("items", "a batch needs at least one item");
        }
        if (!batch && commands.size() != 1) {
            throw new IllegalArgumentException("a single posting has one command");
        }
        if (batch && commands.size() > MAX_ATOMIC_ITEMS) {
            throw new ValidationException("items", "an ATOMIC batch has at most " + MAX_ATOMIC_ITEMS + " items, this one has "
                    + commands.size());
        }
    }

    public static Postings single(PostTransferCommand command) {
        return new Postings(List.of(command), false);
    }

    public static Postings atomicBatch(List<PostTransferCommand> commands) {
        return new Postings(commands, true);
    }

    /** The tenant of the request: every command of one request carries the same context. */
    public RequestContext context() {
        return commands.get(0).context();
    }
}
