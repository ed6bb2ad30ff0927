package org.vestis.cli;

import org.vestis.io.Json;
import org.vestis.train.ReportWriter;
import org.vestis.video.synth.VideoScore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** `vestis score-video TRUTH TIMELINE`: detection recall, per-frame and smoothed accuracy of an analyze run. */
@Command(name = "score-video", mixinStandardHelpOptions = true,
        description = "Score an analyze timeline against a make-video ground truth.")
final class ScoreVideoCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "TRUTH", description = "Ground truth (.truth.jsonl from make-video).")
    Path truth;
    @Parameters(index = "1", paramLabel = "TIMELINE", description = "Timeline (.timeline.jsonl from analyze).")
    Path timeline;
    @Option(names = "--json", description = "Print the counts as one JSON object (for scripts).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        VideoScore.Result r = VideoScore.score(truth, timeline);
        if (json) {
            System.out.println(Json.MAPPER.writeValueAsString(r));
            return 0;
        }
        System.out.printf(Locale.ROOT, "objects %d, detected %d: recall %s; per-frame accuracy %s; smoothed accuracy %s%n",
                r.objects(), r.matched(), ReportWriter.pct(r.recall()), ReportWriter.pct(r.frameAccuracy()), ReportWriter.pct(r.smoothedAccuracy()));
        return 0;
    }
}
