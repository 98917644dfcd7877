package dev.polyledger.notification.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyledger.notification.application.port.in.CreateSubscriptionCommand;
import dev.polyledger.notification.application.port.in.CreateSubscriptionUseCase;
import dev.polyledger.notification.application.port.out.IdempotencyKeys;
import dev.polyledger.notification.application.service.SecretRotation;
import dev.polyledger.notification.application.service.SubscriptionService;
import dev.polyledger.notification.application.service.TenantSubscriptions;
import dev.polyledger.notification.domain.Delivery;
import dev.polyledger.notification.domain.InvalidSubscriptionException;
import dev.polyledger.notification.domain.Subscription;
import dev.polyledger.notification.domain.UrlPolicy;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Subscriptions within a tenant: creation under a per-tenant key, reads, rotation and deletion, with in-memory stores. */
class SubscriptionServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final Duration OVERLAP = Duration.ofHours(24);
    private final InMemoryNotificationStore store = new InMemoryNotificationStore();
    private final AtomicLong nextId = new AtomicLong(1);
    private final SubscriptionService service = new SubscriptionService(store.subscriptions, store.keys,
            store.deliveries, new UrlPolicy(false, SubscriptionServiceTest::resolve),
            new SecretRotation(OVERLAP), Clock.fixed(NOW, ZoneOffset.UTC), new SecureRandom(),
            () -> new UUID(0, nextId.getAndIncrement()),
            new TenantSubscriptions(store.subscriptions, Clock.fixed(NOW, ZoneOffset.UTC)));

    /** {@code internal.example} resolves to a private address; every other host to a public one. */
    private static InetAddress[] resolve(String host) throws java.net.UnknownHostException {
        return new InetAddress[]{InetAddress.getByName(host.equals("internal.example") ? "10.0.0.7" : "93.184.216.34")};
    }

    private static CreateSubscriptionCommand command(String tenant, String key, String url) {
        return new CreateSubscriptionCommand(tenant, key, url, List.of("transfer.posted"), "test");
    }

    private Subscription create(String tenant, String key) {
        var outcome = service.create(command(tenant, key, "https://example.com/" + tenant));
        assertThat(outcome).isInstanceOf(CreateSubscriptionUseCase.Created.class);
        return ((CreateSubscriptionUseCase.Created) outcome).subscription();
    }

    @Test
    void theSameKeyInTwoTenantsCreatesTwoSubscriptions() {
        Subscription ofAcme = create("acme", "key-1");
        Subscription ofGlobex = create("globex", "key-1");

        assertThat(ofAcme.id()).isNotEqualTo(ofGlobex.id());
        assertThat(ofAcme.tenantId()).isEqualTo("acme");
        assertThat(ofGlobex.tenantId()).isEqualTo("globex");
        assertThat(store.subscriptionsById).hasSize(2);
    }

    @Test
    void theSameKeyAndBodyInOneTenantReplaysTheFirstAnswer() {
        Subscription first = create("acme", "key-1");

        var again = service.create(command("acme", "key-1", "https://example.com/acme"));

        assertThat(again).isEqualTo(new CreateSubscriptionUseCase.Created(first, true));
        assertThat(store.subscriptionsById).hasSize(1);
    }

    @Test
    void theSameKeyWithAnotherBodyInOneTenantIsReused() {
        create("acme", "key-1");

        assertThat(service.create(command("acme", "key-1", "https://example.com/other")))
                .isInstanceOf(CreateSubscriptionUseCase.KeyReused.class);
    }

    @Test
    void anotherTenantsSubscriptionIsNeitherListedNorFoundNorDeleted() {
        Subscription ofAcme = create("acme", "key-1");
        Subscription ofGlobex = create("globex", "key-2");

        assertThat(service.list("acme")).containsExactly(ofAcme);
        assertThat(service.get("globex", ofAcme.id())).isEmpty();
        assertThat(service.deliveries("globex", ofAcme.id(), 10)).isEmpty();
        assertThat(service.rotateSecret("globex", ofAcme.id())).isEmpty();
        assertThat(service.delete("globex", ofAcme.id())).isFalse();
        assertThat(store.subscriptionsById).containsKeys(ofAcme.id(), ofGlobex.id());
        assertThat(store.subscriptionsById.get(ofAcme.id()).secret()).isEqualTo(ofAcme.secret());
    }

    @Test
    void theOwnerDeletesItsSubscription() {
        Subscription ofAcme = create("acme", "key-1");

        assertThat(service.delete("acme", ofAcme.id())).isTrue();
        assertThat(service.get("acme", ofAcme.id())).isEmpty();
    }

    @Test
    void aRotationGivesANewSecretAndKeepsTheOldOneSigningForTheOverlap() {
        Subscription before = create("acme", "key-1");

        var rotated = service.rotateSecret("acme", before.id()).orElseThrow();

        assertThat(rotated.subscription().secret()).startsWith("whsec_").isNotEqualTo(before.secret());
        assertThat(rotated.previousSecretExpiresAt()).isEqualTo(NOW.plus(OVERLAP));
        Subscription stored = service.get("acme", before.id()).orElseThrow();
        assertThat(stored.signingSecrets(NOW)).containsExactly(rotated.subscription().secret(), before.secret());
        assertThat(stored.signingSecrets(NOW.plus(OVERLAP))).containsExactly(rotated.subscription().secret());
    }

    @Test
    void deliveriesAreListedForTheOwnerOnly() {
        Subscription ofAcme = create("acme", "key-1");
        store.deliveries.scheduleAll(List.of(Delivery.schedule("evt-1", "transfer.posted", "{}", ofAcme, NOW)));

        assertThat(service.deliveries("acme", ofAcme.id(), 10).orElseThrow()).extracting(Delivery::eventId)
                .containsExactly("evt-1");
        assertThat(service.deliveries("globex", ofAcme.id(), 10)).isEmpty();
    }

    @Test
    void aSubscriptionTakesItsIdFromTheGeneratorAndIsCreatedEnabledAtTheClocksTime() {
        Subscription created = create("acme", "key-1");

        assertThat(created.id()).isEqualTo("wh_00000000000000000000000000000001");
        assertThat(created.status()).isEqualTo(Subscription.Status.ENABLED);
        assertThat(created.createdAt()).isEqualTo(NOW);
        assertThat(created.secret()).startsWith("whsec_");
    }

    @Test
    void aUrlResolvingToAPrivateAddressIsRefusedAndNothingIsStored() {
        assertThatThrownBy(() -> service.create(command("acme", "key-1", "https://internal.example/hook")))
                .isInstanceOf(InvalidSubscriptionException.class)
                .satisfies(e -> assertThat(((InvalidSubscriptionException) e).field()).isEqualTo("url"));

        assertThat(store.subscriptionsById).isEmpty();
        assertThat(store.keysByTenantAndKey).isEmpty();
    }

    @Test
    void aRetryCompletesACreationThatStoppedAfterClaimingItsKey() {
        var command = command("acme", "key-1", "https://example.com/acme");
        Subscription claimed = Subscription.create("wh_claimed", "acme", command.url(), command.eventTypes(),
                "whsec_AAAA", command.description(), NOW);
        store.keys.claim(new IdempotencyKeys.Entry("acme", "key-1", command.fingerprint(), claimed, false));

        var outcome = service.create(command);

        assertThat(outcome).isEqualTo(new CreateSubscriptionUseCase.Created(claimed, true));
        assertThat(store.subscriptionsById).containsOnlyKeys("wh_claimed");
        assertThat(store.keys.find("acme", "key-1").orElseThrow().completed()).isTrue();
    }
}
