package org.vestis.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.vestis.io.Json;
import org.vestis.io.ProjectRoot;
import org.vestis.UserException;
import org.vestis.video.analysis.OutputStems;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * `spark-submit --class org.vestis.spark.SparkAnalyze target/vestis.jar VIDEO|GLOB... --out DIR`: `vestis analyze`
 * over many videos on a Spark cluster. Each executor loads the models once per task slot and analyses whole videos
 * (mapPartitions); per video the same outputs as analyze (tracks CSV, timeline JSONL, annotated video with --video),
 * then one Parquet table of all tracks and DIR/summary.json. A video that cannot be decoded is recorded in the summary
 * with its error and does not fail the job; a rerun into the same DIR skips the videos already complete.
 */
@Command(name = "spark-analyze", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Analyse many videos on Apache Spark (run through spark-submit).")
public final class SparkAnalyze implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "VIDEO", description = "Video files, folders or globs on any Hadoop file system (file:, hdfs:, s3a:, ...).")
    List<String> inputs;
    @Option(names = "--out", required = true, description = "Output folder (any Hadoop file system).")
    String out;
    @Option(names = "--config", defaultValue = "configs/garments.yaml", description = "Run config, as for analyze (default: ${DEFAULT-VALUE}); relative paths are found in the executor's working folder (--files, --archives) or under --home.")
    String config;
    @Option(names = "--home", description = "Project folder on every machine with models/ and configs/ (default: the driver's project folder).")
    String home;
    @Option(names = "--video", description = "Also write each video's annotated video.")
    boolean video;
    @Option(names = "--partitions", description = "Spark partitions (default: one per video, so executors share the videos).")
    Integer partitions;

    public static void main(String[] args) {
        int code = new CommandLine(new SparkAnalyze()).setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof UserException) {
                System.err.println("vestis: " + e.getMessage());
                return 2;
            }
            throw e;
        }).execute(args);
        System.exit(code);
    }

    @Override
    public Integer call() throws IOException {
        SparkSession spark = SparkSession.builder().appName("vestis analyze").getOrCreate();
        try {
            Result r = run(spark);
            System.out.printf(Locale.ROOT, "%d videos: %d analysed, %d skipped (complete before), %d failed; %d tracks in %s/%s%n",
                    r.outcomes().size(), r.count(VideoOutcome.DONE), r.count(VideoOutcome.SKIPPED), r.count(VideoOutcome.FAILED),
                    r.tracks(), out, TracksTable.NAME);
            return r.count(VideoOutcome.FAILED) == r.outcomes().size() && !r.outcomes().isEmpty() ? 1 : 0;
        } finally {
            spark.stop();
        }
    }

    /** What a run did: every video's outcome, in input order, and the rows of the tracks table. */
    public record Result(List<VideoOutcome> outcomes, long tracks) {
        public long count(String status) {
            return outcomes.stream().filter(o -> o.status().equals(status)).count();
        }
    }

    /** The job on a given session (the tests give a local[2] one). */
    public Result run(SparkSession spark) throws IOException {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        String projectHome = home != null ? home : ProjectRoot.find().dir().toString();
        List<String> files = SparkInputs.expand(inputs, jsc.hadoopConfiguration());
        OutputPublisher publisher = new OutputPublisher(new org.apache.hadoop.fs.Path(out), jsc.hadoopConfiguration());
        OutputStems stems = new OutputStems();
        Map<String, String> stemOf = new LinkedHashMap<>();
        List<Map.Entry<String, String>> todo = new ArrayList<>();
        Map<String, VideoOutcome> outcomes = new LinkedHashMap<>();
        for (String f : files) {
            String stem = stems.next(f);
            stemOf.put(f, stem);
            var done = publisher.done(stem);
            if (done.isPresent()) {
                outcomes.put(f, new VideoOutcome(f, stem, VideoOutcome.SKIPPED, null, done.get(), 0, null));
            } else {
                todo.add(new AbstractMap.SimpleImmutableEntry<>(f, stem));
            }
        }
        if (!todo.isEmpty()) {
            int slices = partitions != null ? Math.max(1, partitions) : todo.size();
            JavaRDD<VideoOutcome> analysed = jsc.parallelize(todo, slices)
                    .mapPartitions(new VideoTask(config, projectHome, out, video, jsc.hadoopConfiguration()));
            for (VideoOutcome o : analysed.collect()) {
                outcomes.put(o.input(), o);
            }
        }
        List<VideoOutcome> ordered = files.stream().map(outcomes::get).toList();
        Map<String, String> complete = new LinkedHashMap<>();
        for (VideoOutcome o : ordered) {
            if (!o.status().equals(VideoOutcome.FAILED)) {
                complete.put(o.stem(), o.input());
            }
        }
        long tracks = TracksTable.write(spark, out, complete);
        publisher.writeText("summary.json", summary(ordered));
        return new Result(ordered, tracks);
    }

    /** DIR/summary.json: the config, then per video its status (and error) and, when complete, analyze's summary entry. */
    private String summary(List<VideoOutcome> outcomes) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("config", config);
        List<Map<String, Object>> entries = new ArrayList<>();
        for (VideoOutcome o : outcomes) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("input", o.input());
            e.put("status", o.status());
            if (o.error() != null) {
                e.put("error", o.error());
            }
            if (o.executor() != null) {
                e.put("executor", o.executor());
                e.put("taskSeconds", Math.round(o.seconds() * 100) / 100.0);
            }
            if (o.summaryJson() != null) {
                @SuppressWarnings("unchecked")
                Map<String, Object> analysed = Json.MAPPER.readValue(o.summaryJson(), Map.class);
                analysed.remove("input");
                e.putAll(analysed);
            }
            entries.add(e);
        }
        doc.put("inputs", entries);
        return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(doc);
    }
}
