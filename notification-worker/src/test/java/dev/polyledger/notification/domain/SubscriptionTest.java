package dev.polyledger.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tenant matching and the secret rotation window of a subscription. */
class SubscriptionTest {
    private static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");
    private static final Duration DAY = Duration.ofHours(24);

    private static Subscription of(String tenant, String... types) {
        return Subscription.create("wh_1", tenant, "https://example.com/hook", List.of(types), "whsec_first", null, T0);
    }

    @Test
    void wantsOnlyEventsOfItsOwnTenant() {
        Subscription acme = of("acme", "*");

        assertThat(acme.wants("acme", "transfer.posted")).isTrue();
        assertThat(acme.wants("globex", "transfer.posted")).isFalse();
        assertThat(acme.wants("default", "transfer.posted")).isFalse();
    }

    @Test
    void wantsOnlyItsEventTypesAndNothingOnceDisabled() {
        Subscription acme = of("acme", "account.created");

        assertThat(acme.wants("acme", "account.created")).isTrue();
        assertThat(acme.wants("acme", "transfer.posted")).isFalse();
        assertThat(new Subscription(acme.id(), acme.tenantId(), acme.url(), acme.eventTypes(), acme.secret(), List.of(),
                null, Subscription.Status.DISABLED, acme.createdAt()).wants("acme", "account.created")).isFalse();
    }

    @Test
    void signsWithItsOnlySecretBeforeAnyRotation() {
        assertThat(of("acme", "*").signingSecrets(T0)).containsExactly("whsec_first");
    }

    @Test
    void afterARotationBothSecretsSignUntilTheOverlapEndsThenOnlyTheNewOne() {
        Subscription rotated = of("acme", "*").rotated("whsec_second", T0, DAY);

        assertThat(rotated.secret()).isEqualTo("whsec_second");
        assertThat(rotated.signingSecrets(T0)).containsExactly("whsec_second", "whsec_first");
        assertThat(rotated.signingSecrets(T0.plus(DAY).minusMillis(1))).containsExactly("whsec_second", "whsec_first");
        assertThat(rotated.signingSecrets(T0.plus(DAY))).containsExactly("whsec_second");
    }

    @Test
    void aSecondRotationWithinTheOverlapKeepsTheFirstSecretSigningUntilItsOwnEnd() {
        Instant later = T0.plus(Duration.ofHours(1));
        Subscription twice = of("acme", "*").rotated("whsec_second", T0, DAY).rotated("whsec_third", later, DAY);

        assertThat(twice.signingSecrets(later)).containsExactly("whsec_third", "whsec_second", "whsec_first");
        assertThat(twice.signingSecrets(T0.plus(DAY))).containsExactly("whsec_third", "whsec_second");
        assertThat(twice.signingSecrets(later.plus(DAY))).containsExactly("whsec_third");
    }

    @Test
    void aRotationDropsExpiredSecretsAndKeepsAtMostFivePrevious() {
        Subscription s = of("acme", "*").rotated("whsec_2", T0, Duration.ofMinutes(1));
        Subscription afterExpiry = s.rotated("whsec_3", T0.plus(Duration.ofHours(1)), DAY);
        assertThat(afterExpiry.previousSecrets()).extracting(Subscription.PreviousSecret::secret)
                .containsExactly("whsec_2");

        Subscription many = of("acme", "*");
        for (int i = 2; i <= 8; i++) {
            many = many.rotated("whsec_" + i, T0.plusSeconds(i), DAY);
        }
        assertThat(many.previousSecrets()).hasSize(Subscription.MAX_PREVIOUS_SECRETS);
        assertThat(many.signingSecrets(T0.plusSeconds(9)))
                .containsExactly("whsec_8", "whsec_7", "whsec_6", "whsec_5", "whsec_4", "whsec_3");
    }

    @Test
    void aZeroOverlapStopsTheReplacedSecretAtOnceAndANegativeOneIsRefused() {
        assertThat(of("acme", "*").rotated("whsec_second", T0, Duration.ZERO).signingSecrets(T0))
                .containsExactly("whsec_second");
        assertThatThrownBy(() -> of("acme", "*").rotated("whsec_second", T0, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRotationKeepsEverythingButTheSecrets() {
        Subscription before = of("acme", "transfer.posted");
        Subscription after = before.rotated("whsec_second", T0, DAY);

        assertThat(after.id()).isEqualTo(before.id());
        assertThat(after.tenantId()).isEqualTo("acme");
        assertThat(after.url()).isEqualTo(before.url());
        assertThat(after.eventTypes()).isEqualTo(before.eventTypes());
        assertThat(after.status()).isEqualTo(before.status());
        assertThat(after.createdAt()).isEqualTo(before.createdAt());
    }
}
