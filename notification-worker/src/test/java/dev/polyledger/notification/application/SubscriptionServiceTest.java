package dev.polyledger.notification.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyledger.notification.application.service.CreateSubscriptionCommand;
import dev.polyledger.notification.application.service.SecretRotation;
import dev.polyledger.notification.application.service.SubscriptionService;
import dev.polyledger.notification.domain.Delivery;
import dev.polyledger.notification.domain.Subscription;
import dev.polyledger.notification.domain.UrlPolicy;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Subscriptions within a tenant: creation under a per-tenant key, reads, rotation and deletion, with in-memory stores. */
class SubscriptionServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final Duration OVERLAP = Duration.ofHours(24);
    private final InMemoryNotificationStore store = new InMemoryNotificationStore();
    private final SubscriptionService service = new SubscriptionService(store.subscriptions, store.keys,
            store.deliveries, new UrlPolicy(false, host -> new InetAddress[]{InetAddress.getByName("93.184.216.34")}),
            new SecretRotation(OVERLAP), Clock.fixed(NOW, ZoneOffset.UTC), new SecureRandom());

    private static CreateSubscriptionCommand command(String tenant, String key, String url) {
        return new CreateSubscriptionCommand(tenant, key, url, List.of("transfer.posted"), "test");
    }

    private Subscription create(String tenant, String key) {
        var outcome = service.create(command(tenant, key, "https://example.com/" + tenant));
        assertThat(outcome).isInstanceOf(SubscriptionService.Created.class);
        return ((SubscriptionService.Created) outcome).subscription();
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

        assertThat(again).isEqualTo(new SubscriptionService.Created(first, true));
        assertThat(store.subscriptionsById).hasSize(1);
    }

    @Test
    void theSameKeyWithAnotherBodyInOneTenantIsReused() {
        create("acme", "key-1");

        assertThat(service.create(command("acme", "key-1", "https://example.com/other")))
                .isInstanceOf(SubscriptionService.KeyReused.class);
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
        store.deliveries.schedule(Delivery.schedule("evt-1", "transfer.posted", "{}", ofAcme, NOW));

        assertThat(service.deliveries("acme", ofAcme.id(), 10).orElseThrow()).extracting(Delivery::eventId)
                .containsExactly("evt-1");
        assertThat(service.deliveries("globex", ofAcme.id(), 10)).isEmpty();
    }
}
