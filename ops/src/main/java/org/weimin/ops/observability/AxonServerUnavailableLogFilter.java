package org.weimin.ops.observability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Drops Axon's own log lines about an unreachable Axon Server (a {@code StatusRuntimeException: UNAVAILABLE} or the
 * connector's stream closing), which its tracking processors write per processor and retry, with stack traces, for as
 * long as the server is away. {@link AxonServerReachability} says it once instead. Lines of other loggers, and Axon's
 * lines about anything else, pass unchanged. Installed only with Axon Server enabled.
 */
public class AxonServerUnavailableLogFilter extends TurboFilter {

    /** Adds the filter to Logback's context once (nothing when another logging system is in use). */
    public static void install() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context
                && context.getTurboFilterList().stream().noneMatch(AxonServerUnavailableLogFilter.class::isInstance)) {
            AxonServerUnavailableLogFilter filter = new AxonServerUnavailableLogFilter();
            filter.setContext(context);
            filter.start();
            context.addTurboFilter(filter);
        }
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                              Throwable t) {
        String name = logger.getName();
        if (!name.startsWith("org.axonframework.") && !name.startsWith("io.axoniq.")) {
            return FilterReply.NEUTRAL;
        }
        if (unavailable(t)) {
            return FilterReply.DENY;
        }
        if (params != null) {
            for (Object param : params) {
                if (param instanceof Throwable thrown ? unavailable(thrown)
                        : param instanceof String text && text.contains("StatusRuntimeException: UNAVAILABLE")) {
                    return FilterReply.DENY;
                }
            }
        }
        return FilterReply.NEUTRAL;
    }

    /** Whether a cause in the chain says the server cannot be reached. */
    static boolean unavailable(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String type = c.getClass().getName();
            if (type.equals("io.grpc.StatusRuntimeException") && String.valueOf(c.getMessage()).startsWith("UNAVAILABLE")
                    || type.equals("io.axoniq.axonserver.connector.impl.StreamClosedException")
                    || type.endsWith(".AxonServerException") && String.valueOf(c.getMessage()).contains("AXONIQ-4003")) {
                return true;
            }
        }
        return false;
    }
}
