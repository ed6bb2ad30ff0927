package org.vestis.video.pipeline;

import org.vestis.model.Prediction;
import org.vestis.nn.dnnl.CallingThreadOmp;
import org.vestis.video.Box;
import org.vestis.video.Detection;
import org.vestis.video.FrameResult;
import org.vestis.video.TrackResult;
import org.vestis.video.VideoFrame;
import org.vestis.video.classify.CropClassifier;
import org.vestis.video.detect.Detector;
import org.vestis.video.GarmentSlot;
import org.vestis.video.garment.GarmentStage;
import org.vestis.video.PersonGarments;
import org.vestis.video.sink.FrameSink;
import org.vestis.video.smooth.CropQuality;
import org.vestis.video.smooth.TopNSmoother;
import org.vestis.video.source.FrameSource;
import org.vestis.video.track.TrackedDetection;
import org.vestis.video.track.Tracker;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Source → detector → tracker → batched classifier → smoother → sinks. With a garment model a {@link GarmentStage}
 * takes the classifier's place: it describes each person by garment slots, looking only at crops that would enter
 * the track's best N, within a look budget. Four threads joined by bounded queues: capture (reads the source), detect
 * (detector and tracker), classify (the calling thread: crops, model, smoother) and output (feeds the sinks).
 * Detection of frame n+1 overlaps classification of frame n, so the two cores are both busy, and slow disks never
 * stall inference. {@link #stop()} (e.g. from a Ctrl-C
 * hook) ends capture; everything already read is still processed and the sinks are closed, so outputs are
 * complete up to the last processed frame.
 */
public final class Pipeline {
    private static final int TOP_K = 3;

    private final FrameSource source;
    private final Detector detector;
    private final CropClassifier classifier;
    private final List<FrameSink> sinks;
    private final PipelineSettings settings;
    private final Tracker tracker;
    private final TopNSmoother smoother;
    private final GarmentStage garments;
    private final Map<Integer, String> lastLabelOfConfirmedTrack = new TreeMap<>();
    private final Map<Integer, PersonGarments> lastGarmentsOfConfirmedTrack = new TreeMap<>();
    private volatile boolean stopRequested;
    private volatile boolean stoppedByUser;
    private volatile Throwable failure;

    /** A frame on its way through the stages; {@code detected} after detect, {@code result} after classify. */
    private record Item(VideoFrame frame, Detected detected, FrameResult result) {
    }

    /** What the detect stage hands to the classify stage, in frame order: the detections the tracker took up. */
    private record Detected(List<TrackedDetection> tracked, List<Integer> endedTracks, double millis) {
    }

    private static final Item END = new Item(null, null, null);

    public Pipeline(FrameSource source, Detector detector, CropClassifier classifier, List<FrameSink> sinks, PipelineSettings settings) {
        this(source, detector, classifier, null, sinks, settings);
    }

    /** {@code garments}: the garment stage for a garment model (its classifier is {@code classifier}), else null. */
    public Pipeline(FrameSource source, Detector detector, CropClassifier classifier, GarmentStage garments, List<FrameSink> sinks,
                    PipelineSettings settings) {
        this.source = source;
        this.garments = garments;
        this.detector = detector;
        this.classifier = classifier;
        this.sinks = sinks;
        this.settings = settings;
        this.tracker = settings.tracker().newTracker();
        this.smoother = new TopNSmoother(settings.topN());
    }

    public void stop() {
        stopRequested = true;
    }

    /** Runs to the end of the input (or {@link #stop()}); {@code onFrame} sees every result (progress, UI). */
    public PipelineSummary run(Consumer<FrameResult> onFrame) throws IOException {
        BlockingQueue<Item> captured = new ArrayBlockingQueue<>(settings.queueSize());
        BlockingQueue<Item> detected = new ArrayBlockingQueue<>(settings.queueSize());
        BlockingQueue<Item> processed = new ArrayBlockingQueue<>(settings.queueSize());
        Thread capture = new Thread(() -> capture(captured), "capture");
        Thread detect = new Thread(() -> detect(captured, detected), "detect");
        Thread output = new Thread(() -> output(processed), "output");
        long start = System.nanoTime();
        long frames = 0;
        capture.start();
        detect.start();
        output.start();
        try (CallingThreadOmp omp = CallingThreadOmp.limit(classifier.threads())) {
            while (true) {
                Item item = detected.take();
                if (item == END) {
                    break;
                }
                FrameResult result;
                try {
                    result = classify(item.frame(), item.detected());
                } catch (RuntimeException e) {
                    item.frame().close();
                    throw e;
                }
                frames++;
                onFrame.accept(result);
                processed.put(new Item(item.frame(), null, result));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopRequested = true;
        } catch (RuntimeException e) {
            failure = e;
            stopRequested = true;
        } finally {
            stopRequested = true;
            drain(detected, detect);
            putQuietly(processed, END);
            join(output);
            if (garments != null) {
                garments.finish();
            }
        }
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Integer> counts = new TreeMap<>();
        lastLabelOfConfirmedTrack.values().forEach(l -> counts.merge(l, 1, Integer::sum));
        Map<Integer, String> people = new TreeMap<>();
        lastGarmentsOfConfirmedTrack.forEach((id, g) -> people.put(id, g.describe()));
        int confirmed = garments == null ? lastLabelOfConfirmedTrack.size() : lastGarmentsOfConfirmedTrack.size();
        return new PipelineSummary(source.description(), frames, seconds, frames / Math.max(seconds, 1e-9),
                confirmed, counts, stoppedByUser, garmentCounts(), people, garments == null ? null : garments.costs());
    }

    /** Per slot, how many confirmed people got each class (as last described); empty without a garment model. */
    private Map<String, Map<String, Integer>> garmentCounts() {
        Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        for (GarmentSlot slot : GarmentSlot.values()) {
            for (PersonGarments g : lastGarmentsOfConfirmedTrack.values()) {
                counts.computeIfAbsent(slot.label(), k -> new TreeMap<>()).merge(g.get(slot).label(), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** For Ctrl-C: like {@link #stop()}, and the summary says the run was interrupted. */
    public void interrupt() {
        stoppedByUser = true;
        stop();
    }

    private Detected detect(VideoFrame frame) {
        long t0 = System.nanoTime();
        List<Detection> detections = new ArrayList<>();
        for (Detection d : detector.detect(frame.image())) {
            if (d.score() >= settings.minScore() && d.box().clip(frame.width(), frame.height()).area() >= 1) {
                detections.add(d);
            }
        }
        List<TrackedDetection> tracked = tracker.update(detections, frame.image());
        return new Detected(tracked, tracker.drainRemoved(), (System.nanoTime() - t0) / 1e6);
    }

    private FrameResult classify(VideoFrame frame, Detected detected) {
        long t1 = System.nanoTime();
        for (int ended : detected.endedTracks()) {
            smoother.forget(ended);
            if (garments != null) {
                garments.forget(ended);
            }
        }
        List<TrackedDetection> tracked = detected.tracked();
        List<CropClassifier.Crop> crops = classifier.crops(frame.image(), tracked.stream().map(t -> t.detection().box()).toList());
        List<TrackResult> results;
        try {
            List<Double> quality = new ArrayList<>();
            for (int i = 0; i < tracked.size(); i++) {
                TrackedDetection td = tracked.get(i);
                quality.add(CropQuality.of(td.detection().score(), crops.get(i).gray(), td.detection().box(), frame.width(), frame.height()));
            }
            results = garments == null ? labelled(tracked, crops, quality) : dressed(frame, tracked, quality);
        } finally {
            crops.forEach(CropClassifier.Crop::close);
        }
        long t2 = System.nanoTime();
        return new FrameResult(frame.index(), frame.timestampSeconds(), frame.width(), frame.height(), results,
                detected.millis(), (t2 - t1) / 1e6);
    }

    /** One label per track: the whole crop through the classifier, smoothed over the track's best frames. */
    private List<TrackResult> labelled(List<TrackedDetection> tracked, List<CropClassifier.Crop> crops, List<Double> quality) {
        List<TrackResult> results = new ArrayList<>();
        List<float[]> probabilities = classifier.classify(crops);
        for (int i = 0; i < tracked.size(); i++) {
            TrackedDetection td = tracked.get(i);
            float[] smoothed = smoother.update(td.trackId(), quality.get(i), probabilities.get(i));
            Prediction perFrame = Prediction.of(probabilities.get(i), classifier.labels(), TOP_K);
            Prediction overTrack = Prediction.of(smoothed, classifier.labels(), TOP_K);
            if (td.confirmed()) {
                lastLabelOfConfirmedTrack.put(td.trackId(), overTrack.top().get(0).label());
            }
            results.add(new TrackResult(td.trackId(), td.confirmed(), td.detection(), quality.get(i), perFrame, overTrack));
        }
        return results;
    }

    /**
     * Garment slots per track: only people whose crop would enter their track's best N are looked at, within the
     * stage's look budget, in one batch.
     */
    private List<TrackResult> dressed(VideoFrame frame, List<TrackedDetection> tracked, List<Double> quality) {
        List<Integer> ids = new ArrayList<>();
        List<Box> boxes = new ArrayList<>();
        List<Double> lookQuality = new ArrayList<>();
        for (int i : garments.choose(tracked.stream().map(TrackedDetection::trackId).toList(), quality)) {
            ids.add(tracked.get(i).trackId());
            boxes.add(tracked.get(i).detection().box());
            lookQuality.add(quality.get(i));
        }
        if (!boxes.isEmpty()) {
            garments.look(frame.image(), ids, boxes, lookQuality);
        }
        List<TrackResult> results = new ArrayList<>();
        for (int i = 0; i < tracked.size(); i++) {
            TrackedDetection td = tracked.get(i);
            PersonGarments g = garments.current(td.trackId());
            if (td.confirmed()) {
                lastGarmentsOfConfirmedTrack.put(td.trackId(), g);
            }
            results.add(new TrackResult(td.trackId(), td.confirmed(), td.detection(), quality.get(i), null, null, g));
        }
        return results;
    }

    private void capture(BlockingQueue<Item> captured) {
        try {
            while (!stopRequested) {
                VideoFrame frame = source.next();
                if (frame == null) {
                    break;
                }
                captured.put(new Item(frame, null, null));
            }
        } catch (IOException | RuntimeException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            putQuietly(captured, END);
        }
    }

    /** Detector and tracker, in frame order; after a failure anywhere it only releases frames until capture ends. */
    private void detect(BlockingQueue<Item> captured, BlockingQueue<Item> detected) {
        try {
            while (true) {
                Item item = captured.take();
                if (item == END) {
                    break;
                }
                if (failure != null) {
                    item.frame().close();
                    continue;
                }
                try {
                    detected.put(new Item(item.frame(), detect(item.frame()), null));
                } catch (RuntimeException e) {
                    item.frame().close();
                    failure = e;
                    stopRequested = true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            putQuietly(detected, END);
        }
    }

    private void output(BlockingQueue<Item> processed) {
        boolean sinksWork = true;
        try {
            while (true) {
                Item item = processed.take();
                if (item == END) {
                    break;
                }
                try (VideoFrame frame = item.frame()) {
                    // After a sink failed, keep taking frames (and releasing them) so inference never blocks;
                    // after a failure elsewhere, frames already processed are still written.
                    if (sinksWork) {
                        sinksWork = writeToSinks(frame, item.result());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            for (FrameSink sink : sinks) {
                try {
                    sink.close();
                } catch (IOException | RuntimeException e) {
                    if (failure == null) {
                        failure = e;
                    }
                }
            }
        }
    }

    private boolean writeToSinks(VideoFrame frame, FrameResult result) {
        try {
            for (FrameSink sink : sinks) {
                sink.accept(frame, result);
            }
            return true;
        } catch (IOException | RuntimeException e) {
            if (failure == null) {
                failure = e;
            }
            stopRequested = true;
            return false;
        }
    }

    /** Frames not processed after a stop are released; the thread filling the queue is let finish. */
    private static void drain(BlockingQueue<Item> queue, Thread producer) {
        while (producer.isAlive() || !queue.isEmpty()) {
            Item item = queue.poll();
            if (item != null && item != END) {
                item.frame().close();
            } else if (item == null) {
                join(producer, 10);
            }
        }
    }

    private static void putQuietly(BlockingQueue<Item> queue, Item item) {
        try {
            queue.put(item);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void join(Thread t) {
        join(t, 0);
    }

    private static void join(Thread t, long millis) {
        try {
            t.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
