package dev.polyledger.ledger.application;

import dev.polyledger.ledger.application.port.out.Accounts;
import dev.polyledger.ledger.application.port.out.IdempotencyRecords;
import dev.polyledger.ledger.application.port.out.LedgerWrites;
import dev.polyledger.ledger.application.port.out.Entries;
import dev.polyledger.ledger.application.port.out.Outbox;
import dev.polyledger.ledger.application.port.out.Transfers;
import dev.polyledger.ledger.domain.Account;
import dev.polyledger.ledger.domain.AccountId;
import dev.polyledger.ledger.domain.Currency;
import dev.polyledger.ledger.domain.Entry;
import dev.polyledger.ledger.domain.TenantId;
import dev.polyledger.ledger.domain.Transfer;
import dev.polyledger.ledger.domain.TransferId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * The ledger's out-ports in memory. Stricter than needed where that catches mistakes: adding an existing
 * account or transfer fails, {@link #update} only takes an account whose version is one above the stored one,
 * and, once {@link #writesOnlyWithin} is called, every write outside the unit of work fails. Tests put their
 * starting state in with {@link #seed}.
 */
public final class InMemoryLedger implements Accounts, Transfers, Entries, Outbox, LedgerWrites {
    private final Map<AccountId, Account> accounts = new LinkedHashMap<>();
    private final Map<TransferId, Transfer> transfers = new LinkedHashMap<>();
    private final List<Entry> entries = new ArrayList<>();
    private final List<OutboxEvent> events = new ArrayList<>();
    private final List<List<AccountId>> lockRequests = new ArrayList<>();
    private BooleanSupplier inTransaction = () -> true;
    private final List<WriteSet> writeSets = new ArrayList<>();
    private IdempotencyRecords records = new InMemoryIdempotencyRecords();
    private final InMemoryBatches batches = new InMemoryBatches();

    /** The batches whose item results {@link #write} applies. */
    public InMemoryBatches batches() {
        return batches;
    }

    /** Where {@link #write} stores the idempotency records of a write set (its own by default). */
    public InMemoryLedger recordingInto(IdempotencyRecords records) {
        this.records = records;
        return this;
    }

    /** From now on, fail every write made while {@code unitOfWork} has no transaction open. */
    public InMemoryLedger writesOnlyWithin(DirectUnitOfWork unitOfWork) {
        this.inTransaction = unitOfWork::isOpen;
        return this;
    }

    /** Puts an account in as it is, as a starting state. */
    public Account seed(Account account) {
        accounts.put(account.id(), account);
        return account;
    }

    private void requireTransaction(String write) {
        if (!inTransaction.getAsBoolean()) {
            throw new IllegalStateException(write + " outside a transaction");
        }
    }

    // --- Accounts ---------------------------------------------------------------------------------------------

    @Override
    public Optional<Account> find(TenantId tenant, AccountId id) {
        return Optional.ofNullable(accounts.get(id)).filter(account -> account.tenantId().equals(tenant));
    }

    @Override
    public Optional<String> currencyCodeOf(TenantId tenant, AccountId id) {
        return find(tenant, id).map(account -> account.currency().code());
    }

    @Override
    public Map<AccountId, Account> lockAllInOrder(Collection<AccountId> ids) {
        lockRequests.add(List.copyOf(ids));
        var locked = new TreeMap<AccountId, Account>(Comparator.comparing(AccountId::value));
        for (AccountId id : ids) {
            Account account = accounts.get(id);
            if (account != null) {
                locked.put(id, account);
            }
        }
        return locked;
    }

    @Override
    public void add(Account account) {
        requireTransaction("account added");
        if (accounts.putIfAbsent(account.id(), account) != null) {
            throw new IllegalStateException("account " + account.id() + " already exists");
        }
    }

    @Override
    public void update(Collection<Account> changed) {
        requireTransaction("accounts updated");
        for (Account account : changed) {
            Account stored = accounts.get(account.id());
            if (stored == null) {
                throw new IllegalStateException("account " + account.id() + " does not exist");
            }
            if (account.version() != stored.version() + 1) {
                throw new IllegalStateException("account " + account.id() + " at version " + stored.version()
                        + " cannot be updated to version " + account.version());
            }
            accounts.put(account.id(), account);
        }
    }

    @Override
    public void ensureWorld(TenantId tenant, Currency currency, Instant now) {
        Account world = Account.openWorld(tenant, currency, now);
        accounts.putIfAbsent(world.id(), world);
    }

    // --- Transfers --------------------------------------------------------------------------------------------

    @Override
    public void add(Transfer transfer) {
        requireTransaction("transfer added");
        if (transfers.putIfAbsent(transfer.id(), transfer) != null) {
            throw new IllegalStateException("transfer " + transfer.id() + " already exists");
        }
        entries.addAll(transfer.entries());
    }

    @Override
    public Optional<Transfer> find(TenantId tenant, TransferId id) {
        return Optional.ofNullable(transfers.get(id)).filter(transfer -> transfer.tenantId().equals(tenant));
    }

    // --- Entries ----------------------------------------------------------------------------------------------

    @Override
    public List<Entry> page(TenantId tenant, AccountId accountId, int limit, Long beforeVersion) {
        if (find(tenant, accountId).isEmpty()) {
            return List.of();
        }
        return entries.stream()
                .filter(e -> e.accountId().equals(accountId))
                .filter(e -> beforeVersion == null || e.accountVersion() < beforeVersion)
                .sorted(Comparator.comparingLong(Entry::accountVersion).reversed())
                .limit(limit)
                .toList();
    }

    @Override
    public List<Entry> ascending(TenantId tenant, AccountId accountId, long afterVersion, long upToVersion, int limit) {
        if (find(tenant, accountId).isEmpty()) {
            return List.of();
        }
        return entries.stream()
                .filter(e -> e.accountId().equals(accountId))
                .filter(e -> e.accountVersion() > afterVersion && e.accountVersion() <= upToVersion)
                .sorted(Comparator.comparingLong(Entry::accountVersion))
                .limit(limit)
                .toList();
    }

    /** Replaces a stored entry by {@code tampered} (same id), as an UPDATE behind the ledger's back would. */
    public void tamper(Entry tampered) {
        entries.replaceAll(e -> e.id().equals(tampered.id()) ? tampered : e);
    }

    // --- Outbox -----------------------------------------------------------------------------------------------

    @Override
    public void append(OutboxEvent event) {
        requireTransaction("outbox event appended");
        events.add(event);
    }

    // --- LedgerWrites -------------------------------------------------------------------------------------------

    /** Applies the write set as PostgreSQL would: an account not at its read version fails, nothing else changes. */
    @Override
    public void write(WriteSet writes) {
        requireTransaction("write set");
        for (AccountChange change : writes.accounts()) {
            Account stored = accounts.get(change.after().id());
            if (stored == null || stored.version() != change.readVersion()) {
                throw new IllegalStateException("account " + change.after().id() + " is not at version " + change.readVersion());
            }
        }
        writeSets.add(writes);
        writes.accounts().forEach(change -> accounts.put(change.after().id(), change.after()));
        writes.transfers().forEach(this::add);
        writes.events().forEach(this::append);
        writes.records().forEach(records::insert);
        batches.apply(writes.items(), writes.events().isEmpty() ? Instant.EPOCH : writes.events().get(0).occurredAt());
    }

    /** Every write set handed to {@link #write}, in order. */
    public List<WriteSet> writeSets() {
        return List.copyOf(writeSets);
    }

    // --- what the tests look at -------------------------------------------------------------------------------

    /** The account as stored now; fails when it does not exist. */
    public Account account(AccountId id) {
        return Optional.ofNullable(accounts.get(id)).orElseThrow(() -> new AssertionError("no account " + id));
    }

    public List<Account> accounts() {
        return List.copyOf(accounts.values());
    }

    public List<Transfer> transfers() {
        return List.copyOf(transfers.values());
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    public List<OutboxEvent> events() {
        return List.copyOf(events);
    }

    /** The ids passed to each lock call, in call order. */
    public List<List<AccountId>> lockRequests() {
        return List.copyOf(lockRequests);
    }
}
