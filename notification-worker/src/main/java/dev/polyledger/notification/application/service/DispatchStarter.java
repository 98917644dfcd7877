package dev.polyledger.notification.application.service;

import java.util.concurrent.Executor;

/**
 * Where the dispatcher starts the attempts of deliveries just scheduled: the worker gives it one thread of its own
 * (config), tests run it on the caller's thread ({@link #SAME_THREAD}).
 */
public interface DispatchStarter extends Executor {
    /** Runs the start at once, on the caller's thread. */
    DispatchStarter SAME_THREAD = Runnable::run;
}
