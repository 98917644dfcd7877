package dev.polyledger.ledger.config;

import dev.polyledger.ledger.application.service.WorldAccountService;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;

/** Work an api-node does once when it starts, before it serves traffic. */
@Singleton
class StartupTasks {
    private final WorldAccountService worldAccounts;

    StartupTasks(WorldAccountService worldAccounts) {
        this.worldAccounts = worldAccounts;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        worldAccounts.ensureWorldAccounts();
    }
}
