package dev.polyledger.ledger.application.service;

import dev.polyledger.events.EventType;
import dev.polyledger.ledger.application.port.in.IdempotentRequest;
import dev.polyledger.ledger.application.port.in.PostTransferCommand;
import dev.polyledger.ledger.application.port.in.PostingOutcome;
import dev.polyledger.ledger.application.port.in.PostingOutcome.ItemRefusal;
import dev.polyledger.ledger.application.port.in.Postings;
import dev.polyledger.ledger.application.port.out.Accounts;
import dev.polyledger.ledger.application.port.out.Batches;
import dev.polyledger.ledger.application.port.out.CurrencyCatalog;
import dev.polyledger.ledger.application.port.out.IdGenerator;
import dev.polyledger.ledger.application.port.out.IdempotencyRecords;
import dev.polyledger.ledger.application.port.out.LedgerWrites;
import dev.polyledger.ledger.application.port.out.LedgerWrites.AccountChange;
import dev.polyledger.ledger.application.port.out.Outbox;
import dev.polyledger.ledger.application.port.out.UnitOfWork;
import dev.polyledger.ledger.application.view.Views;
import dev.polyledger.ledger.domain.Account;
import dev.polyledger.ledger.domain.AccountId;
import dev.polyledger.ledger.domain.BatchItemRef;
import dev.polyledger.ledger.domain.Currency;
import dev.polyledger.ledger.domain.IdempotencyKey;
import dev.polyledger.ledger.domain.IdempotencyRecord;
import dev.polyledger.ledger.domain.LedgerRejection;
import dev.polyledger.ledger.domain.Money;
import dev.polyledger.ledger.domain.Posting;
import dev.polyledger.ledger.domain.PostingRequest;
import dev.polyledger.ledger.domain.RecordedAnswer;
import dev.polyledger.ledger.domain.TransferId;
import dev.polyledger.ledger.domain.TransferKind;
import dev.polyledger.ledger.domain.ValidationException;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The one path by which money moves. Read top to bottom:
 * <ol>
 *   <li>{@link #prepare}, before any transaction: each command's two accounts (a credit's or debit's other side is
 *       the world account of the account's currency), its amount in minor units, or the refusals that need no lock
 *       ({@code SAME_ACCOUNT}, an unknown account of a credit or debit). Malformed input throws here;</li>
 *   <li>{@link #commit}, for a list of units (one request, an atomic batch, or the requests of a commit group),
 *       in one {@code SERIALIZABLE} transaction ({@link UnitOfWork}, queued behind the other writers of the union
 *       of their accounts and retried as a whole on serialization failure):
 *     <ol>
 *       <li>read the idempotency records of the units' keys, once for all;</li>
 *       <li>lock the union of the accounts once, in id order ({@link Accounts#lockAllInOrder});</li>
 *       <li>for each unit in order: a key already answered (committed before, or earlier in this list) replays
 *           that answer; otherwise run {@link Posting} command by command over an in-memory copy of the
 *           accounts; if every command posts, the copy becomes the current state, else nothing of the unit is
 *           kept and every failing item is named; the unit's answer is rendered and recorded under its key;</li>
 *       <li>hand one immutable {@link LedgerWrites.WriteSet} to {@link LedgerWrites#write}: changed accounts with
 *           the versions they were locked at, transfers with entries, {@code transfer.posted} events, records.</li>
 *     </ol></li>
 * </ol>
 * A unit never sees another tenant's account: an account of another tenant is refused as {@code ACCOUNT_NOT_FOUND}
 * exactly like an unknown one, although the lock statement reads the accounts of every tenant of the list.
 */
@Singleton
public class PostingPipeline {
    private final Accounts accounts;
    private final Batches batches;
    private final IdempotencyRecords records;
    private final LedgerWrites writes;
    private final UnitOfWork unitOfWork;
    private final IdGenerator ids;
    private final CurrencyCatalog currencies;
    private final Clock clock;
    private final IdempotencyPolicy policy;

    public PostingPipeline(Accounts accounts, Batches batches, IdempotencyRecords records, LedgerWrites writes,
                           UnitOfWork unitOfWork, IdGenerator ids, CurrencyCatalog currencies, Clock clock,
                           IdempotencyPolicy policy) {
        this.accounts = accounts;
        this.batches = batches;
        this.records = records;
        this.writes = writes;
        this.unitOfWork = unitOfWork;
        this.ids = ids;
        this.currencies = currencies;
        this.clock = clock;
        this.policy = policy;
    }

    /** A command resolved before its transaction. */
    public sealed interface Step {
        PostTransferCommand command();
    }

    /** To be posted from {@code source} to {@code destination}. */
    public record Ready(PostTransferCommand command, AccountId source, AccountId destination, Money amount) implements Step {
    }

    /** Refused without looking at balances; nothing to lock. */
    public record RefusedEarly(PostTransferCommand command, LedgerRejection reason, String detail) implements Step {
    }

    /**
     * What one request asks of {@link #commit}.
     *
     * @param idempotency the key and fingerprint; null for none (nothing is recorded)
     * @param steps       the prepared commands, all or none of which post
     * @param render      the answer to record for the outcome; unused without a key
     * @param item          the batch item this unit posts, whose status changes with it (it runs only while the item
     *                      is still pending); null for a request
     */
    public record Unit(IdempotentRequest idempotency, List<Step> steps, Function<PostingOutcome, RecordedAnswer> render,
                       BatchItemRef item) {
        public Unit {
            steps = List.copyOf(steps);
            Objects.requireNonNull(render, "render");
            if (item != null && steps.size() != 1) {
                throw new IllegalArgumentException("a batch item is one posting");
            }
        }

        public Unit(IdempotentRequest idempotency, List<Step> steps, Function<PostingOutcome, RecordedAnswer> render) {
            this(idempotency, steps, render, null);
        }

        /** The unit of one batch item: posted on its own, its status changed with its posting. */
        public static Unit ofItem(BatchItemRef item, List<Step> steps) {
            return new Unit(null, steps, outcome -> {
                throw new IllegalStateException("a batch item records no answer");
            }, item);
        }

        /** Every account the unit's commands may change. */
        public Set<AccountId> accounts() {
            var all = new LinkedHashSet<AccountId>();
            for (Step step : steps) {
                if (step instanceof Ready ready) {
                    all.add(ready.source());
                    all.add(ready.destination());
                }
            }
            return all;
        }
    }

    /** What became of a unit. */
    public sealed interface UnitResult {
    }

    /**
     * The unit ran in this transaction.
     *
     * @param record its idempotency record, committed with it; null for a unit without a key
     */
    public record Answered(PostingOutcome outcome, IdempotencyRecord record) implements UnitResult {
    }

    /** The unit's key was answered before (committed, or earlier in the same transaction): its record. */
    public record Replayed(IdempotencyRecord record) implements UnitResult {
    }

    /** The unit's batch item was processed before (an earlier delivery of its chunk): nothing ran. */
    public record Skipped(BatchItemRef item) implements UnitResult {
    }

    /**
     * Resolves the commands of {@code postings}, outside any transaction (a credit's or debit's account currency is
     * immutable, so reading it unlocked is safe).
     *
     * @throws ValidationException for an unsupported currency or an amount with more decimals than the currency
     *                             has; in a batch the field names the item ({@code items[3].amount})
     */
    public List<Step> prepare(Postings postings) {
        var steps = new ArrayList<Step>(postings.commands().size());
        for (int i = 0; i < postings.commands().size(); i++) {
            try {
                steps.add(prepare(postings.commands().get(i)));
            } catch (ValidationException e) {
                if (!postings.batch()) {
                    throw e;
                }
                throw new ValidationException("items[" + i + "]." + e.field(), "item " + i + ": " + e.getMessage());
            }
        }
        return steps;
    }

    private Step prepare(PostTransferCommand command) {
        if (command.kind() == TransferKind.TRANSFER) {
            Currency currency = supported(command.currencyCode());
            // Malformed input fails validation (400, not recorded) before any business rule answers.
            Money amount = Money.positive(command.amount(), currency);
            if (command.accountId().equals(command.counterparty())) {
                return new RefusedEarly(command, LedgerRejection.SAME_ACCOUNT, "source and destination are the same account");
            }
            return new Ready(command, command.accountId(), command.counterparty(), amount);
        }
        var code = accounts.currencyCodeOf(command.tenant(), command.accountId());
        if (code.isEmpty()) {
            return new RefusedEarly(command, LedgerRejection.ACCOUNT_NOT_FOUND, "account " + command.accountId() + " does not exist");
        }
        Currency currency = supported(code.get());
        Money amount = Money.positive(command.amount(), currency);
        AccountId world = AccountId.worldOf(command.tenant(), currency);
        boolean credit = command.kind() == TransferKind.CREDIT;
        return new Ready(command, credit ? world : command.accountId(), credit ? command.accountId() : world, amount);
    }

    /**
     * Runs {@code units} in one serializable transaction, in order; returns one result per unit, in the same order.
     *
     * @throws dev.polyledger.ledger.application.port.out.ContentionException when the accounts stayed contended
     */
    public List<UnitResult> commit(List<Unit> units) {
        var union = new LinkedHashSet<AccountId>();
        units.forEach(unit -> union.addAll(unit.accounts()));
        return unitOfWork.inSerializableTransaction(union, () -> commitInTransaction(units, union));
    }

    private List<UnitResult> commitInTransaction(List<Unit> units, Set<AccountId> union) {
        Instant now = LedgerTime.now(clock);
        var keys = units.stream().map(Unit::idempotency).filter(Objects::nonNull).map(IdempotentRequest::key).distinct().toList();
        Map<IdempotencyKey, IdempotencyRecord> answered = new HashMap<>(keys.isEmpty() ? Map.of() : records.findAll(keys, now));
        var itemRefs = units.stream().map(Unit::item).filter(Objects::nonNull).toList();
        Set<BatchItemRef> pendingItems = itemRefs.isEmpty() ? Set.of() : batches.lockPending(itemRefs);
        Map<AccountId, Account> current = new HashMap<>(union.isEmpty() ? Map.of() : accounts.lockAllInOrder(union));
        Map<AccountId, Long> readVersions = new HashMap<>();
        current.forEach((id, account) -> readVersions.put(id, account.version()));

        var results = new ArrayList<UnitResult>(units.size());
        var transfers = new ArrayList<dev.polyledger.ledger.domain.Transfer>();
        var events = new ArrayList<Outbox.OutboxEvent>();
        var newRecords = new ArrayList<IdempotencyRecord>();
        var items = new ArrayList<LedgerWrites.ItemResult>();
        for (Unit unit : units) {
            IdempotencyKey key = unit.idempotency() == null ? null : unit.idempotency().key();
            if (key != null && answered.containsKey(key)) {
                results.add(new Replayed(answered.get(key)));
                continue;
            }
            if (unit.item() != null && !pendingItems.contains(unit.item())) {
                results.add(new Skipped(unit.item()));
                continue;
            }
            var run = new Run(current, now, unit.item() == null ? null : unit.item().batchId());
            for (int i = 0; i < unit.steps().size(); i++) {
                run.post(i, unit.steps().get(i));
            }
            PostingOutcome outcome;
            if (run.refusals.isEmpty()) {
                current.putAll(run.changed);
                transfers.addAll(run.transfers);
                events.addAll(run.events);
                outcome = new PostingOutcome.Posted(run.transfers);
            } else {
                outcome = new PostingOutcome.Refused(run.refusals);
            }
            if (unit.item() != null) {
                items.add(itemResult(unit, outcome));
            }
            IdempotencyRecord record = null;
            if (key != null) {
                record = new IdempotencyRecord(key, unit.idempotency().fingerprint(), unit.render().apply(outcome), now,
                        now.plus(policy.retention()));
                answered.put(key, record);
                newRecords.add(record);
            }
            results.add(new Answered(outcome, record));
        }
        var changes = new ArrayList<AccountChange>();
        current.forEach((id, account) -> {
            long readVersion = readVersions.get(id);
            if (account.version() != readVersion) {
                changes.add(new AccountChange(account, readVersion));
            }
        });
        var writeSet = new LedgerWrites.WriteSet(changes, transfers, events, newRecords, items);
        if (!writeSet.isEmpty()) {
            writes.write(writeSet);
        }
        return results;
    }

    private static LedgerWrites.ItemResult itemResult(Unit unit, PostingOutcome outcome) {
        var step = unit.steps().get(0);
        String currency = step instanceof Ready ready ? ready.amount().currency().code() : step.command().currencyCode();
        if (outcome instanceof PostingOutcome.Posted posted) {
            var transfer = posted.transfers().get(0);
            return new LedgerWrites.ItemResult(unit.item(), transfer.id(), transfer.amount().currency().code(), null, null);
        }
        var refusal = ((PostingOutcome.Refused) outcome).first();
        return new LedgerWrites.ItemResult(unit.item(), null, currency, refusal.reason().name(), refusal.detail());
    }

    /** One unit's commands over a copy-on-write view of the locked accounts. */
    private final class Run {
        private final Map<AccountId, Account> locked;
        private final Instant now;
        private final UUID batchId;
        final Map<AccountId, Account> changed = new HashMap<>();
        final List<ItemRefusal> refusals = new ArrayList<>();
        final List<dev.polyledger.ledger.domain.Transfer> transfers = new ArrayList<>();
        final List<Outbox.OutboxEvent> events = new ArrayList<>();

        Run(Map<AccountId, Account> locked, Instant now, UUID batchId) {
            this.locked = locked;
            this.now = now;
            this.batchId = batchId;
        }

        void post(int index, Step step) {
            if (step instanceof RefusedEarly early) {
                refusals.add(new ItemRefusal(index, early.reason(), early.detail()));
                return;
            }
            var ready = (Ready) step;
            var command = ready.command();
            Account source = visible(command, ready.source());
            if (source == null) {
                refusals.add(notFound(index, ready.source()));
                return;
            }
            Account destination = visible(command, ready.destination());
            if (destination == null) {
                refusals.add(notFound(index, ready.destination()));
                return;
            }
            var request = new PostingRequest(new TransferId(ids.next()), ids.next(), ids.next(), command.kind(),
                    ready.amount(), command.reference(), command.metadata(), command.context().requestId());
            Posting.Result result = Posting.post(request, source, destination, now);
            if (result instanceof Posting.Rejected rejected) {
                refusals.add(new ItemRefusal(index, rejected.reason(), rejected.detail()));
                return;
            }
            var posted = (Posting.Posted) result;
            changed.put(posted.source().id(), posted.source());
            changed.put(posted.destination().id(), posted.destination());
            var transfer = posted.transfer();
            transfers.add(transfer);
            events.add(new Outbox.OutboxEvent(ids.next(), EventType.TRANSFER_POSTED, transfer.id().value(), 1,
                    transfer.tenantId(), command.context().actor(), command.context().requestId(), now,
                    Views.transfer(transfer, batchId)));
        }

        /** The account as this unit sees it now, or null when it does not exist in the command's tenant. */
        private Account visible(PostTransferCommand command, AccountId id) {
            Account account = changed.containsKey(id) ? changed.get(id) : locked.get(id);
            return account != null && account.tenantId().equals(command.tenant()) ? account : null;
        }
    }

    private static ItemRefusal notFound(int index, AccountId id) {
        return new ItemRefusal(index, LedgerRejection.ACCOUNT_NOT_FOUND, "account " + id + " does not exist");
    }

    private Currency supported(String code) {
        return currencies.find(code).orElseThrow(
                () -> new ValidationException("currency", "currency " + code + " is not supported"));
    }
}
