package org.vestis.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A model.zip names our layer classes by their full names (DL4J's configuration JSON, "@class"). Bundles and
 * checkpoints saved before the layers moved from {@code org.vestis.model} to {@code org.vestis.nn.dnnl} and
 * {@code org.vestis.nn.inference} (2026-12-06) name the old ones; this maps them to today's before DL4J reads them.
 */
final class LegacyClassNames {
    private static final String CONFIGURATION = "configuration.json";
    private static final Pattern OLD_NAME = Pattern.compile("org\\.vestis\\.model\\.(\\w+)");
    private static final Map<String, String> MOVED = Map.ofEntries(
            Map.entry("BatchNormRelu", "org.vestis.nn.dnnl.BatchNormRelu"),
            Map.entry("DnnlConvolutionLayer", "org.vestis.nn.dnnl.DnnlConvolutionLayer"),
            Map.entry("DnnlDense", "org.vestis.nn.dnnl.DnnlDense"),
            Map.entry("DnnlMaxPool", "org.vestis.nn.dnnl.DnnlMaxPool"),
            Map.entry("DnnlOutput", "org.vestis.nn.dnnl.DnnlOutput"),
            Map.entry("DnnlRelu", "org.vestis.nn.dnnl.DnnlRelu"),
            Map.entry("ChannelsLastConvolution", "org.vestis.nn.inference.ChannelsLastConvolution"),
            Map.entry("ChannelsLastDepthwise", "org.vestis.nn.inference.ChannelsLastDepthwise"),
            Map.entry("InferenceDense", "org.vestis.nn.inference.InferenceDense"),
            Map.entry("InferenceOutput", "org.vestis.nn.inference.InferenceOutput"),
            Map.entry("NchwToNhwc", "org.vestis.nn.inference.NchwToNhwc"));

    private LegacyClassNames() {
    }

    /** The configuration with every old class name replaced by today's; names of classes that never moved stay. */
    static String modernise(String configuration) {
        Matcher m = OLD_NAME.matcher(configuration);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(MOVED.getOrDefault(m.group(1), m.group())));
        }
        return m.appendTail(out).toString();
    }

    /**
     * The model file as DL4J can read it today: null when it needs no change (read the file itself), else the
     * bytes of a copy whose configuration names today's classes.
     */
    static byte[] modernisedCopy(Path modelFile) throws IOException {
        try (ZipFile zip = new ZipFile(modelFile.toFile())) {
            ZipEntry conf = zip.getEntry(CONFIGURATION);
            if (conf == null) {
                throw new IOException("no " + CONFIGURATION + " inside");
            }
            String json = read(zip, conf);
            String modern = modernise(json);
            if (modern.equals(json)) {
                return null;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream out = new ZipOutputStream(bytes)) {
                for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                    ZipEntry entry = e.nextElement();
                    out.putNextEntry(new ZipEntry(entry.getName()));
                    if (entry.getName().equals(CONFIGURATION)) {
                        out.write(modern.getBytes(StandardCharsets.UTF_8));
                    } else {
                        try (InputStream in = zip.getInputStream(entry)) {
                            in.transferTo(out);
                        }
                    }
                    out.closeEntry();
                }
            }
            return bytes.toByteArray();
        }
    }

    private static String read(ZipFile zip, ZipEntry entry) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
