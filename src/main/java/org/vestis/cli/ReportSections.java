package org.vestis.cli;

import org.vestis.io.OutputFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Sections that commands add to a bundle's report.md: a section runs from its "## " heading to the next "## " heading
 * or the end, so each command replaces its own section on a rerun and leaves the others' alone.
 */
final class ReportSections {
    private ReportSections() {
    }

    /** {@code text} with the section whose heading starts with {@code headingPrefix} replaced by {@code section}, or appended. */
    static String put(String text, String headingPrefix, String section) {
        String body = section.endsWith("\n") ? section : section + "\n";
        int start = text.startsWith(headingPrefix) ? 0 : text.indexOf("\n" + headingPrefix) + 1; // 0: not there
        if (start == 0 && !text.startsWith(headingPrefix)) {
            if (!text.isEmpty() && !text.endsWith("\n\n")) {
                text = text.endsWith("\n") ? text + "\n" : text + "\n\n";
            }
            return text + body;
        }
        int next = text.indexOf("\n## ", start + 1);
        String rest = next < 0 ? "" : text.substring(next + 1);
        return text.substring(0, start) + body + (rest.isEmpty() ? "" : "\n" + rest);
    }

    /** Rewrites {@code report} (created when missing) with the section put in. */
    static void write(Path report, String headingPrefix, String section) throws IOException {
        String text = Files.isRegularFile(report) ? Files.readString(report) : "";
        Path part = OutputFiles.partName(report);
        Files.writeString(part, put(text, headingPrefix, section));
        OutputFiles.publish(part, report);
    }
}
