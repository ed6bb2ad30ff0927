package org.vestis.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.vestis.io.Json;
import org.vestis.video.analysis.AnalysisModels;
import org.vestis.video.analysis.AnalyzedInput;
import org.vestis.video.analysis.InputAnalyzer;

import java.io.IOException;
import java.io.Serializable;
import java.net.InetAddress;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The work of one partition on an executor: borrows the slot's models (loaded once), then for each video copies it
 * to local disk when it is not there already (HDFS, S3), analyses it exactly as `vestis analyze` does into a local
 * scratch folder, and publishes the outputs to the output folder under temporary names renamed when whole, the
 * completion marker last. A video that fails is reported with its error and the partition goes on.
 */
final class VideoTask implements FlatMapFunction<Iterator<Map.Entry<String, String>>, VideoOutcome>, Serializable {
    private final String configFile;
    private final String home;
    private final String out;
    private final boolean video;
    private final SerializableConfiguration hadoop;

    VideoTask(String configFile, String home, String out, boolean video, Configuration hadoop) {
        this.configFile = configFile;
        this.home = home;
        this.out = out;
        this.video = video;
        this.hadoop = new SerializableConfiguration(hadoop);
    }

    @Override
    public Iterator<VideoOutcome> call(Iterator<Map.Entry<String, String>> videos) throws Exception {
        List<VideoOutcome> outcomes = new ArrayList<>();
        if (!videos.hasNext()) {
            return outcomes.iterator();
        }
        AnalysisModels models = ModelPool.borrow(configFile, home);
        try {
            while (videos.hasNext()) {
                Map.Entry<String, String> v = videos.next();
                outcomes.add(analyse(models, v.getKey(), v.getValue()));
            }
        } finally {
            ModelPool.giveBack(configFile, models);
        }
        return outcomes.iterator();
    }

    private VideoOutcome analyse(AnalysisModels models, String input, String stem) throws IOException {
        long start = System.nanoTime();
        java.nio.file.Path scratch = Files.createTempDirectory("vestis-spark-" + stem);
        try {
            String local = SparkInputs.localCopy(input, scratch, hadoop.get());
            AnalyzedInput a = new InputAnalyzer(models, scratch, video, false, null).analyze(local, stem, InputAnalyzer.Progress.NONE);
            if (a.summary().frames() == 0) {
                throw new IOException("no frame could be decoded");
            }
            String summary = Json.MAPPER.writeValueAsString(new SparkInputs.Entry(input, a));
            OutputPublisher publisher = new OutputPublisher(new Path(out), hadoop.get());
            try (Stream<java.nio.file.Path> files = Files.list(scratch)) {
                for (java.nio.file.Path f : files.filter(f -> f.getFileName().toString().startsWith(stem + "."))
                        .sorted(Comparator.comparing(java.nio.file.Path::toString)).toList()) {
                    publisher.publish(f, f.getFileName().toString());
                }
            }
            publisher.markDone(stem, summary);
            return new VideoOutcome(input, stem, VideoOutcome.DONE, null, summary, seconds(start), host());
        } catch (Exception e) {
            return new VideoOutcome(input, stem, VideoOutcome.FAILED, sentence(e), null, seconds(start), host());
        } finally {
            deleteTree(scratch);
        }
    }

    private static String sentence(Exception e) {
        String m = e.getMessage();
        return (m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m));
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName() + "/" + Thread.currentThread().getName();
        } catch (IOException e) {
            return Thread.currentThread().getName();
        }
    }

    private static void deleteTree(java.nio.file.Path dir) throws IOException {
        try (Stream<java.nio.file.Path> walk = Files.walk(dir)) {
            for (java.nio.file.Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Hadoop's Configuration is not Serializable; Spark's wrapper is internal, so this small one carries it. */
    static final class SerializableConfiguration implements Serializable {
        private transient Configuration conf;

        SerializableConfiguration(Configuration conf) {
            this.conf = conf;
        }

        Configuration get() {
            return conf;
        }

        private void writeObject(java.io.ObjectOutputStream o) throws IOException {
            o.defaultWriteObject();
            conf.write(o);
        }

        private void readObject(java.io.ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            conf = new Configuration(false);
            conf.readFields(in);
        }
    }
}
