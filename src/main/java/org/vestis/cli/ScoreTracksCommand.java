package org.vestis.cli;

import org.vestis.UserException;
import org.vestis.io.Json;
import org.vestis.video.track.eval.MotBox;
import org.vestis.video.track.eval.MotFile;
import org.vestis.video.track.eval.MotMetrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** `vestis score-tracks RESULT GT`: the standard multi-object-tracking scores of a MOTChallenge result file. */
@Command(name = "score-tracks", mixinStandardHelpOptions = true,
        description = {"Score tracks in MOTChallenge format against ground truth: MOTA, MOTP, IDF1, ID switches, "
                + "fragmentations, false positives, misses, mostly tracked / lost.",
                "Boxes pair at IoU >= 0.5; ground-truth rows with conf 0 are ignored (MOTChallenge rules, "
                        + "py-motmetrics' counting)."})
final class ScoreTracksCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RESULT",
            description = "Tracks to score: frame,id,left,top,width,height[,conf,x,y,z] per line, frames from 1.")
    Path result;
    @Parameters(index = "1", paramLabel = "GT", description = "Ground truth in the same format (a MOTChallenge gt/gt.txt).")
    Path truth;
    @Option(names = "--scale", paramLabel = "S", defaultValue = "1",
            description = "Multiply the result's boxes by S, for tracks written on a resized video (default: ${DEFAULT-VALUE}).")
    double scale;
    @Option(names = "--json", description = "Print the scores as one JSON object (for scripts).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new UserException("--scale must be a positive number, got " + scale + ".");
        }
        List<MotBox> gt = MotFile.readGroundTruth(truth);
        if (gt.isEmpty()) {
            throw new UserException(truth + " has no ground-truth boxes to score against (rows with conf 0 are ignored).");
        }
        MotMetrics m = MotMetrics.score(gt, MotFile.readResult(result, scale));
        if (json) {
            System.out.println(Json.MAPPER.writeValueAsString(m));
            return 0;
        }
        System.out.printf(Locale.ROOT, "MOTA %.3f  MOTP %.3f  IDF1 %.3f  IDP %.3f  IDR %.3f  ID switches %d  "
                        + "fragmentations %d  FP %d  FN %d  recall %.3f  precision %.3f  GT ids %d  track ids %d  "
                        + "MT/PT/ML %d/%d/%d%n",
                m.mota(), m.motp(), m.idf1(), m.idp(), m.idr(), m.idSwitches(), m.fragmentations(),
                m.falsePositives(), m.misses(), m.recall(), m.precision(), m.gtIds(), m.trackIds(),
                m.mostlyTracked(), m.partlyTracked(), m.mostlyLost());
        return 0;
    }
}
