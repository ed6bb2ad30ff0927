package org.vestis.video.garment;

/**
 * How many people may be looked at in a frame: a token bucket that gains {@code perFrame} looks each frame and holds
 * at most {@code burst}. A look (landmarks and four crops through the garment model) costs several times a frame's
 * detection and tracking, so an unbounded stage would slow a crowded scene to a crawl; the bucket keeps the average
 * cost per frame fixed, while the burst lets a group of newcomers be looked at at once.
 *
 * @param perFrame looks gained per frame (e.g. 0.25: one look every four frames on average)
 * @param burst    the most looks saved up, and so the most in one frame (at least 1)
 */
public record LookBudget(double perFrame, int burst) {
    public static final LookBudget DEFAULT = new LookBudget(0.25, 4);
    /** No limit: every person whose crop would enter the best N is looked at (photos, measurements). */
    public static final LookBudget UNLIMITED = new LookBudget(Double.POSITIVE_INFINITY, Integer.MAX_VALUE);

    public LookBudget {
        if (!(perFrame > 0) || burst < 1) {
            throw new IllegalArgumentException("a look budget needs looks-per-frame above 0 and a burst of at least 1");
        }
    }

    /** The bucket of one run. */
    Bucket bucket() {
        return new Bucket();
    }

    /** Tokens of one run: a full bucket at the start, so the first people are looked at in their first frame. */
    final class Bucket {
        private double tokens = burst;

        /** Adds this frame's share and returns how many looks this frame may take (at most {@code wanted}). */
        int take(int wanted) {
            if (Double.isInfinite(perFrame)) {
                return wanted;
            }
            tokens = Math.min(burst, tokens + perFrame);
            int looks = Math.min(wanted, (int) Math.floor(tokens));
            tokens -= looks;
            return looks;
        }
    }
}
