package org.vestis.spark;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.vestis.UserException;
import org.vestis.video.analysis.AnalyzedInput;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The videos of a job: paths and globs on any file system Hadoop reads, and the local copy an executor decodes. */
final class SparkInputs {
    private SparkInputs() {
    }

    /** A summary entry: the input as given, then what `analyze` records for it. */
    record Entry(String input, @JsonUnwrapped AnalyzedInput analyzed) {
    }

    /**
     * Every file the paths and globs name, in order, each once; a path that names nothing is one clear error (before
     * any work starts). A folder stands for the files in it.
     */
    static List<String> expand(List<String> patterns, Configuration conf) throws IOException {
        Set<String> files = new LinkedHashSet<>();
        for (String pattern : patterns) {
            Path p = new Path(pattern);
            FileSystem fs = p.getFileSystem(conf);
            FileStatus[] matches = fs.globStatus(p);
            if (matches == null || matches.length == 0) {
                throw new UserException("No video at " + pattern + "; check the path or the pattern.");
            }
            List<String> found = new ArrayList<>();
            for (FileStatus m : matches) {
                if (m.isDirectory()) {
                    for (FileStatus child : fs.listStatus(m.getPath())) {
                        if (child.isFile() && !child.getPath().getName().startsWith(".")) {
                            found.add(child.getPath().toString());
                        }
                    }
                } else {
                    found.add(m.getPath().toString());
                }
            }
            found.sort(null);
            files.addAll(found);
        }
        return List.copyOf(files);
    }

    /** The input as a path FFmpeg can open: a local file as it is, anything else copied into {@code scratch} first. */
    static String localCopy(String input, java.nio.file.Path scratch, Configuration conf) throws IOException {
        Path p = new Path(input);
        String scheme = p.toUri().getScheme();
        if (scheme == null || scheme.equals("file")) {
            return p.toUri().getPath();
        }
        java.nio.file.Path local = scratch.resolve("input-" + p.getName());
        p.getFileSystem(conf).copyToLocalFile(false, p, new Path(local.toUri()), true);
        return local.toString();
    }
}
