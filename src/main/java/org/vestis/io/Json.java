package org.vestis.io;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The JSON mapper for the files Vestis reads and writes (model.json, summary.json, reports, results): indented
 * for people to read, and lenient about fields it does not know, so that a newer file still loads in an older
 * version. The timeline (one object per line) keeps a compact mapper of its own.
 */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Json() {
    }
}
