package org.vestis.video.sink;

import org.vestis.model.Prediction;
import org.vestis.video.Box;
import org.vestis.video.TrackResult;

import java.util.Locale;

/**
 * What the overlay says and where it goes, free of any drawing library, so the annotated video and a desktop
 * view label tracks the same way. Colours are 0xRRGGBB; sizes are pixels of the frame being drawn on.
 */
public final class OverlayLayout {
    private static final double GOLDEN_RATIO_CONJUGATE = 0.618033988749895;

    private OverlayLayout() {
    }

    /** A vivid colour per track id; consecutive ids get far-apart hues, so neighbours are easy to tell apart. */
    public static int rgb(int trackId) {
        double hue = (Math.abs((long) trackId) * GOLDEN_RATIO_CONJUGATE + 0.1) % 1.0;
        return hsvToRgb(hue, 0.85, 0.95);
    }

    static int hsvToRgb(double h, double s, double v) {
        double sector = h * 6;
        int i = (int) Math.floor(sector) % 6;
        double f = sector - Math.floor(sector);
        double p = v * (1 - s), q = v * (1 - f * s), t = v * (1 - (1 - f) * s);
        double[] rgb = switch (i) {
            case 0 -> new double[] {v, t, p};
            case 1 -> new double[] {q, v, p};
            case 2 -> new double[] {p, v, t};
            case 3 -> new double[] {p, q, v};
            case 4 -> new double[] {t, p, v};
            default -> new double[] {v, p, q};
        };
        return (int) Math.round(rgb[0] * 255) << 16 | (int) Math.round(rgb[1] * 255) << 8 | (int) Math.round(rgb[2] * 255);
    }

    /** Black or white, whichever reads better on {@code backgroundRgb}. */
    public static int textRgbOn(int backgroundRgb) {
        double luma = 0.299 * (backgroundRgb >> 16 & 0xff) + 0.587 * (backgroundRgb >> 8 & 0xff) + 0.114 * (backgroundRgb & 0xff);
        return luma > 140 ? 0x000000 : 0xffffff;
    }

    /**
     * "#3 shirt 87%": the track and its smoothed label (the steady answer), shown above the box; with a garment model
     * "#3 red t-shirt, blue pants, white shoes" (commas: the video overlay's font has no middle dot).
     */
    public static String headline(TrackResult t) {
        if (t.garments() != null) {
            String worn = t.garments().describe(", ");
            return worn.isEmpty() ? "#" + t.trackId() : "#" + t.trackId() + " " + worn;
        }
        String label = describe(t.smoothedLabel());
        return label == null ? "#" + t.trackId() : "#" + t.trackId() + " " + label;
    }

    /** "frame: shirt 64%": this frame's label alone, shown smaller below the box; null when there is none. */
    public static String subline(TrackResult t) {
        String label = describe(t.frameLabel());
        return label == null ? null : "frame: " + label;
    }

    /** The corner line; fps is omitted while unknown (not positive). */
    public static String status(double fps, double latencyMillis) {
        String latency = String.format(Locale.ROOT, "%.0f ms", latencyMillis);
        return fps > 0 ? String.format(Locale.ROOT, "%.1f fps | %s", fps, latency) : latency;
    }

    private static String describe(Prediction p) {
        if (p == null || p.top().isEmpty()) {
            return null;
        }
        Prediction.Ranked best = p.top().get(0);
        return String.format(Locale.ROOT, "%s %.0f%%", best.label(), best.probability() * 100);
    }

    /** Box outline width: readable on a phone-sized 360p frame and a full-HD one alike. */
    public static int lineThickness(int frameHeight, boolean confirmed) {
        int full = Math.max(2, Math.min(6, Math.round(frameHeight / 120f)));
        return confirmed ? full : Math.max(1, full / 2); // tentative tracks are drawn lighter
    }

    /** Cap height of the headline text; the subline and status line use {@link #smallTextHeight(int)}. */
    public static int textHeight(int frameHeight) {
        return Math.max(10, Math.min(36, Math.round(frameHeight / 30f)));
    }

    public static int smallTextHeight(int frameHeight) {
        return Math.max(8, Math.round(textHeight(frameHeight) * 0.75f));
    }

    /** Top of a label band of {@code bandHeight} that sits on the box: above it, or just inside when there is no room. */
    public static int headlineTop(Box box, int bandHeight) {
        int above = (int) Math.round(box.y()) - bandHeight;
        return above >= 0 ? above : (int) Math.round(Math.max(0, box.y()));
    }

    /** Top of the band under the box, or just inside its bottom edge when the box reaches the frame's bottom. */
    public static int sublineTop(Box box, int bandHeight, int frameHeight) {
        int below = (int) Math.round(box.bottom());
        return below + bandHeight <= frameHeight ? below : Math.max(0, (int) Math.round(box.bottom()) - bandHeight);
    }

    /** Left edge of a band of {@code bandWidth} starting at the box, moved left as needed to stay in the frame. */
    public static int bandLeft(Box box, int bandWidth, int frameWidth) {
        return Math.max(0, Math.min((int) Math.round(box.x()), frameWidth - bandWidth));
    }
}
