package org.vestis.train;

import java.util.LinkedHashMap;
import java.util.Map;

/** Library versions recorded in every bundle, read from the jars on the classpath. */
public final class Versions {
    private Versions() {
    }

    public static Map<String, String> current() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("vestis", implementationVersion(Versions.class, "dev"));
        v.put("deeplearning4j", "1.0.0-M2.1");
        v.put("javacpp", implementationVersion(org.bytedeco.javacpp.Loader.class, "unknown"));
        v.put("java", System.getProperty("java.version"));
        v.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        return v;
    }

    private static String implementationVersion(Class<?> c, String fallback) {
        String v = c.getPackage().getImplementationVersion();
        return v == null ? fallback : v;
    }
}
