package dev.polyledger.perf.chaos;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs {@code perf/chaos --duration 60}: private PostgreSQL, Redis and RabbitMQ, a private cluster on ports of its
 * own, a minute of the bank workload under faults, the checks; passes when it exits 0 (no violation). Skipped,
 * with the reason, only when a private dependency cannot start ({@code perf/chaos} exits 3). It never touches the
 * machine's shared services or the default ports. Its output: {@code perf/target/chaos-it.log}.
 */
class ChaosRunIT {

    /** Port ranges tried, in order, for the run's 100 ports (the first whose ports are all free). */
    private static final List<Integer> PORT_BASES = List.of(23900, 23700, 23500, 23300);

    @Test
    void aMinuteOfFaultsLosesNothingAndDuplicatesNothing() throws Exception {
        Path repo = Path.of(System.getProperty("ledger.repo.root", "..")).toAbsolutePath().normalize();
        Path log = repo.resolve("perf/target/chaos-it.log");
        ProcessBuilder chaos = new ProcessBuilder(repo.resolve("perf/chaos").toString(), "--duration", "60",
                "--port-base", String.valueOf(freePortBase()))
                .directory(repo.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        chaos.environment().put("CHAOS_CLASSPATH",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        Process process = chaos.start();
        if (!process.waitFor(25, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            process.waitFor(60, TimeUnit.SECONDS);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        int exit = process.isAlive() ? -1 : process.exitValue();
        Assumptions.assumeTrue(exit != 3, () -> "perf/chaos skipped: " + lastLines(output, 3));
        assertEquals(0, exit, () -> "perf/chaos failed (" + log + "):\n" + lastLines(output, 60));
        assertTrue(output.contains("chaos: RESULT: OK"), () -> lastLines(output, 60));
    }

    private static int freePortBase() throws IOException {
        for (int base : PORT_BASES) {
            if (allFree(base)) {
                return base;
            }
        }
        throw new IOException("no free range of 100 ports among " + PORT_BASES);
    }

    private static boolean allFree(int base) {
        for (int port = base; port < base + 100; port++) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress("127.0.0.1", port));
            } catch (IOException taken) {
                return false;
            }
        }
        return true;
    }

    private static String lastLines(String text, int n) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    }
}
