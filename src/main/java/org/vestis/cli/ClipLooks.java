package org.vestis.cli;

import org.bytedeco.opencv.opencv_core.Mat;
import org.vestis.video.detect.Detector;
import org.vestis.video.garment.GarmentObservation;
import org.vestis.video.garment.GarmentObserver;
import org.vestis.video.PersonGarments;
import org.vestis.video.pipeline.PipelineFactory;
import org.vestis.video.pipeline.PipelineModels;
import org.vestis.video.synth.ClipSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One clip through the pipeline as `analyze` runs it (detector, tracker, garment stage with the config's top-n), and
 * then a look at the clip's person in every frame the pipeline tracked them: the longest track is taken as the person
 * (the clip has one), and each of its frames is looked at alone with the same observer and the same box the
 * pipeline had, which is what the stage would have seen had it looked at every frame.
 *
 * @param looks    the longest track's frames, each looked at alone, in frame order (empty: no one tracked)
 * @param pipeline the pipeline's own smoothed slots for that track after its last frame (null: no one tracked)
 */
record ClipLooks(String id, Map<String, String> truth, int frames, List<Look> looks, PersonGarments pipeline) {

    /** One frame's look: the crop quality the pipeline gave it and what was seen. */
    record Look(double quality, GarmentObservation observation) {
    }

    /** The clip through {@code factory}'s pipeline with {@code detector} (fresh for the clip) and a garment model's {@code models}. */
    static ClipLooks run(String id, Map<String, String> truth, List<Mat> frames, PipelineFactory factory, Detector detector,
                         PipelineModels models) throws IOException {
        TrackRecorder recorder = new TrackRecorder();
        try (ClipSource source = new ClipSource(id, frames, 10)) {
            factory.newPipeline(source, detector, models, List.of(recorder)).run(r -> {
            });
        }
        Optional<List<TrackRecorder.Seen>> track = recorder.longestTrack();
        if (track.isEmpty()) {
            return new ClipLooks(id, truth, frames.size(), List.of(), null);
        }
        // On this (the calling) thread, as the stage ran: the observer shares the model's landmarker.
        GarmentObserver observer = models.garments().observer();
        List<Look> looks = new ArrayList<>();
        for (TrackRecorder.Seen seen : track.get()) {
            Mat frame = frames.get((int) seen.frameIndex());
            looks.add(new Look(seen.result().quality(), observer.observe(frame, List.of(seen.result().detection().box())).get(0)));
        }
        List<TrackRecorder.Seen> seen = track.get();
        return new ClipLooks(id, truth, frames.size(), List.copyOf(looks), seen.get(seen.size() - 1).result().garments());
    }
}
