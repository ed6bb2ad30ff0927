package org.vestis.video.track.eval;

import java.util.List;

/**
 * Every score of a tracker result against ground truth, CLEAR-MOT and identity, in one flat record (what
 * {@code vestis score-tracks --json} prints). Ratios are NaN where their denominator is 0.
 *
 * @param frames         frames in which the ground truth or the result has a box
 * @param gtIds          ground-truth identities (people)
 * @param trackIds       result identities (tracks)
 * @param gtBoxes        ground-truth boxes, conf-0 rows left out
 * @param trackBoxes     result boxes
 * @param mota           1 - (misses + false positives + ID switches) / gtBoxes
 * @param motp           mean IoU of the matched pairs, as MOTChallenge reports it (py-motmetrics prints 1 - motp)
 * @param matches        matched pairs that are not ID switches (py-motmetrics' num_matches)
 * @param fragmentations runs of misses between two tracked frames of a ground-truth object
 * @param mostlyTracked  ground-truth ids matched in at least 80% of their frames
 * @param partlyTracked  the rest of those matched in at least 20%
 * @param mostlyLost     ground-truth ids matched in under 20% of their frames
 */
public record MotMetrics(int frames, int gtIds, int trackIds, long gtBoxes, long trackBoxes,
                         double mota, double motp, double idf1, double idp, double idr,
                         long idSwitches, long fragmentations, long falsePositives, long misses, long matches,
                         double recall, double precision, int mostlyTracked, int partlyTracked, int mostlyLost,
                         long idtp, long idfp, long idfn) {

    /**
     * Scores {@code result} against {@code truth}, pairing boxes at IoU >= 0.5. Within a frame, each id may
     * appear once per side (as {@link MotFile} ensures); the lists need not be in frame order.
     */
    public static MotMetrics score(List<MotBox> truth, List<MotBox> result) {
        Iterable<FrameDistances> frames = FrameDistances.of(truth, result);
        return of(ClearMot.of(frames), IdentityScores.of(frames));
    }

    public static MotMetrics of(ClearMot c, IdentityScores id) {
        return new MotMetrics(c.frames(), c.truthIds(), c.resultIds(), c.truthBoxes(), c.resultBoxes(),
                c.mota(), c.motp(), id.idf1(), id.idp(), id.idr(),
                c.switches(), c.fragmentations(), c.falsePositives(), c.misses(), c.matches(),
                c.recall(), c.precision(), c.mostlyTracked(), c.partlyTracked(), c.mostlyLost(),
                id.idtp(), id.idfp(), id.idfn());
    }
}
