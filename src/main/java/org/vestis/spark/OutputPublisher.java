package org.vestis.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Writes into the job's output folder on any Hadoop file system as `analyze` writes locally: each file under a
 * temporary name (".NAME.part"), renamed when whole, so a reader or a rerun never sees half a file. A video is
 * complete when its marker _done/STEM.json exists; the marker is written last and holds the video's summary entry.
 */
final class OutputPublisher {
    static final String DONE = "_done";

    private final Path out;
    private final FileSystem fs;

    OutputPublisher(Path out, Configuration conf) throws IOException {
        this.out = out;
        this.fs = out.getFileSystem(conf);
        fs.mkdirs(new Path(out, DONE));
    }

    void publish(java.nio.file.Path local, String name) throws IOException {
        Path tmp = new Path(out, "." + name + ".part");
        fs.copyFromLocalFile(false, true, new Path(local.toUri()), tmp);
        rename(tmp, new Path(out, name));
    }

    void markDone(String stem, String summaryJson) throws IOException {
        Path tmp = new Path(out, DONE + "/." + stem + ".json.part");
        try (FSDataOutputStream o = fs.create(tmp, true)) {
            o.write(summaryJson.getBytes(StandardCharsets.UTF_8));
        }
        rename(tmp, new Path(out, DONE + "/" + stem + ".json"));
    }

    /** The summary entry of a video completed by an earlier run, or empty. */
    Optional<String> done(String stem) throws IOException {
        Path marker = new Path(out, DONE + "/" + stem + ".json");
        if (!fs.exists(marker)) {
            return Optional.empty();
        }
        try (var in = fs.open(marker)) {
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** Writes a small text file whole (temporary name, then renamed). */
    void writeText(String name, String text) throws IOException {
        Path tmp = new Path(out, "." + name + ".part");
        try (FSDataOutputStream o = fs.create(tmp, true)) {
            o.write(text.getBytes(StandardCharsets.UTF_8));
        }
        rename(tmp, new Path(out, name));
    }

    private void rename(Path from, Path to) throws IOException {
        if (fs.exists(to)) {
            fs.delete(to, true); // a task retried after its first attempt renamed: the same bytes again
        }
        if (!fs.rename(from, to)) {
            throw new IOException("cannot rename " + from + " to " + to);
        }
    }
}
