package org.vestis.video.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.vestis.model.Prediction;
import org.vestis.video.Box;
import org.vestis.video.FrameResult;
import org.vestis.video.TrackResult;
import org.vestis.video.VideoFrame;
import org.vestis.video.GarmentSlot;
import org.vestis.video.SlotReading;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The per-frame timeline as JSON Lines: one line per tracked object per frame, e.g.
 * <pre>{"frame":12,"time":1.2,"track":3,"confirmed":true,"x":10.5,"y":20.0,"w":100.0,"h":200.0,"score":0.93,
 * "kind":"person","quality":0.71,"label":"shirt","confidence":0.64,"smoothedLabel":"shirt","smoothedConfidence":0.81}</pre>
 * With a garment model a person's labels are null and the line carries {@code "regions":"landmarks"} (or "box",
 * "none") and {@code "garments":{"headwear":{"label":"none","confidence":0.8,"colour":"unknown"},"top":{"label":
 * "t-shirt","confidence":0.71,"colour":"red"},...}} with all five slots, smoothed over the track's best looks.
 * An image folder's lines name their image ({@code "file":"0042.jpg"}). A frame without objects writes no line. Labels a stage did not produce are null. Lines go to
 * {@code FILE.part.jsonl} (for {@code FILE.jsonl}), flushed after every frame so a crash keeps what was done,
 * and the file gets its final name on {@link #close()}.
 */
public final class TimelineJsonlSink implements FrameSink {
    private final ObjectMapper json = new ObjectMapper();
    private final PartTextFile out;

    public TimelineJsonlSink(Path file) {
        this.out = new PartTextFile(file, "timeline file");
    }

    @Override
    public void accept(VideoFrame frame, FrameResult result) throws IOException {
        for (TrackResult track : result.tracks()) {
            out.writeLine(json.writeValueAsString(line(result, track, frame.file())));
        }
        out.flush();
    }

    private ObjectNode line(FrameResult result, TrackResult track, String file) {
        ObjectNode n = json.createObjectNode();
        n.put("frame", result.frameIndex());
        putNumber(n, "time", result.timestampSeconds(), 3);
        if (file != null) {
            n.put("file", file);
        }
        n.put("track", track.trackId());
        n.put("confirmed", track.confirmed());
        Box box = track.detection().box();
        putNumber(n, "x", box.x(), 1);
        putNumber(n, "y", box.y(), 1);
        putNumber(n, "w", box.width(), 1);
        putNumber(n, "h", box.height(), 1);
        putNumber(n, "score", track.detection().score(), 4);
        n.put("kind", track.detection().kind());
        putNumber(n, "quality", track.quality(), 4);
        putLabel(n, "label", "confidence", track.frameLabel());
        putLabel(n, "smoothedLabel", "smoothedConfidence", track.smoothedLabel());
        if (track.garments() != null) {
            n.put("regions", track.garments().regions().label());
            ObjectNode slots = n.putObject("garments");
            for (GarmentSlot slot : GarmentSlot.values()) {
                SlotReading r = track.garments().get(slot);
                ObjectNode o = slots.putObject(slot.label());
                o.put("label", r.label());
                putNumber(o, "confidence", r.confidence(), 3);
                o.put("colour", r.colour());
            }
        }
        return n;
    }

    private static void putLabel(ObjectNode n, String labelKey, String confidenceKey, Prediction p) {
        if (p == null || p.top().isEmpty()) {
            n.putNull(labelKey);
            n.putNull(confidenceKey);
        } else {
            n.put(labelKey, p.top().get(0).label());
            putNumber(n, confidenceKey, p.top().get(0).probability(), 4);
        }
    }

    /** Rounded, so the file stays small; NaN and infinity are not JSON, so they become null. */
    private static void putNumber(ObjectNode n, String key, double v, int decimals) {
        if (!Double.isFinite(v)) {
            n.putNull(key);
            return;
        }
        double scale = Math.pow(10, decimals);
        n.put(key, Math.round(v * scale) / scale);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
