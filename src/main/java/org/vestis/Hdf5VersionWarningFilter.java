package org.vestis;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Drops JavaCPP's "Versions of org.bytedeco:javacpp:1.5.13 and org.bytedeco:hdf5:1.14.3-1.5.10 do not match."
 * warning, printed on every Keras import: the HDF5 presets end on the 1.5.10 line, and that build is known to work
 * on JavaCPP 1.5.13 (KerasImporterTest, InteropTest). Other version warnings still show. Needs JavaCPP to log
 * through SLF4J ({@code -Dorg.bytedeco.javacpp.logger=slf4j}, which {@code VestisCommand} sets).
 */
public final class Hdf5VersionWarningFilter extends Filter<ILoggingEvent> {
    @Override
    public FilterReply decide(ILoggingEvent event) {
        String m = event.getFormattedMessage();
        return m != null && m.startsWith("Versions of org.bytedeco:javacpp:") && m.contains(" and org.bytedeco:hdf5:")
                ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}
