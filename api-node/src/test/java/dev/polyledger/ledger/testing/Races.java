package dev.polyledger.ledger.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/** Concurrent requests for the race tests: sent from a pool at once, released together by a latch. */
public final class Races {
    private Races() {
    }

    /**
     * Runs {@code request(0..n-1)} on {@code pool}, all released at the same instant, and returns the results in
     * index order.
     *
     * @throws Exception the first request's failure, as {@link Future#get()} reports it
     */
    public static <T> List<T> together(ExecutorService pool, int n, IntFunction<T> request) throws Exception {
        var start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            futures.add(pool.submit(() -> {
                start.await();
                return request.apply(index);
            }));
        }
        start.countDown();
        List<T> results = new ArrayList<>();
        for (var future : futures) {
            results.add(future.get());
        }
        return results;
    }
}
