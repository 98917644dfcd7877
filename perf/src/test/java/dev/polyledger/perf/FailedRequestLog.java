package dev.polyledger.perf;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gatling's error message of each failed request, for {@link RequestStats}: Gatling 3.15's Java DSL gives a
 * simulation a request's OK/KO status (the session's failed flag) but not the message its report counts
 * ("status.find.is(201), but actually found 503", "Request timeout to … after 10000 ms"). Gatling logs that message
 * itself, once per failed request, at DEBUG on {@value #LOGGER}: {@code Request '<name>' failed for user <id>:
 * <message>}. logback-test.xml sends that logger, and only it, to this appender, which hands the message to the
 * simulation's {@link RequestStats} ({@link #listen}). Gatling's other DEBUG line there (the request and response
 * dump of the same failure) is ignored.
 */
public final class FailedRequestLog extends AppenderBase<ILoggingEvent> {

    /** The logger Gatling's HTTP statistics processor writes failed requests to. */
    public static final String LOGGER = "io.gatling.http.engine.response.DefaultStatsProcessor";

    private static final Pattern FAILED = Pattern.compile("Request '(.*?)' failed for user \\d+: (.*)", Pattern.DOTALL);

    private static volatile RequestStats listener;

    /** From now on, the error messages go to {@code stats} (one simulation per JVM: the last one wins). */
    static void listen(RequestStats stats) {
        listener = stats;
    }

    @Override
    protected void append(ILoggingEvent event) {
        RequestStats stats = listener;
        if (stats != null) {
            accept(stats, event.getFormattedMessage());
        }
    }

    /** Counts {@code logLine} in {@code stats} when it is a failed request's line with a message; false otherwise. */
    static boolean accept(RequestStats stats, String logLine) {
        Matcher m = logLine == null ? null : FAILED.matcher(logLine);
        if (m == null || !m.matches()) {
            return false;
        }
        String message = m.group(2).strip();
        if (message.isEmpty()) {
            return false; // counted as RequestStats.NO_MESSAGE
        }
        stats.error(m.group(1), message);
        return true;
    }
}
