package org.vestis.video.garment;

import org.bytedeco.opencv.opencv_core.Mat;
import org.vestis.video.ColourTerm;

/**
 * Names the colour of a garment from its pixels, for the garment slots ("red t-shirt, blue pants").
 *
 * <p>Method: a bounded sample of the garment's pixels (mask non-zero) is converted to CIELAB ({@link LabSamples});
 * the darkest and the brightest {@link #TRIM} of them by L* are dropped (specular highlights, deep shadow in folds
 * and under arms); each remaining pixel is named with one of the eleven basic colour terms
 * ({@link ColourCategories}, which judges hue and relative chroma independently of shading); the most frequent term
 * wins. The answer is {@link ColourTerm#UNKNOWN} with fewer than {@link #MIN_PIXELS} garment pixels or when no term
 * reaches {@link #MIN_SHARE} of the votes.
 *
 * <p>A second term makes the garment two-coloured when it has at least {@link #SECOND_SHARE} of the votes and its
 * pixels really differ from the first term's, not just by the shading of one fabric: two achromatic terms must be
 * {@link #ACHROMATIC_GAP} apart in mean L* (black and white stripes, not a white shirt's grey folds); otherwise the
 * terms must not be {@link ColourTerm#neighbour neighbours} and their mean colours must be {@link #CHROMATIC_GAP}
 * apart in the shading-discounted distance the categories use (a navy garment's black shadows are closer).
 *
 * <p>Cost: at most {@link #MAX_SAMPLES} pixels are converted and named whatever the crop size (a 64x128 crop takes
 * a small fraction of a millisecond). Stateless and thread-safe.
 */
public final class ColourNames {
    /** Most pixels sampled per garment. */
    public static final int MAX_SAMPLES = 4096;
    /** Fewer garment pixels than this give {@link ColourTerm#UNKNOWN}: a colour needs some area to be stated. */
    public static final int MIN_PIXELS = 64;
    /** Fraction of the sampled pixels dropped at each end of the lightness range before voting. */
    public static final double TRIM = 0.03;
    /** The winning term must cover at least this share of the voting pixels, else the answer is unknown. */
    public static final double MIN_SHARE = 0.30;
    /** Least share of a garment's second colour. */
    public static final double SECOND_SHARE = 0.25;
    /** Least difference of mean L* between two achromatic colours of one garment. */
    public static final double ACHROMATIC_GAP = 40;
    /** Least shading-discounted distance between the mean colours of a garment's two terms. */
    public static final double CHROMATIC_GAP = 35;

    private static final int LIGHTNESS_BINS = 101;

    private ColourNames() {
    }

    /** The colour of the whole crop. */
    public static GarmentColour of(Mat bgr) {
        return of(bgr, null);
    }

    /**
     * The colour of the garment's pixels in {@code bgr}.
     *
     * @param bgr  8-bit BGR image (a crop, or a whole frame with the mask selecting the garment); empty or null gives
     *             unknown
     * @param mask 8-bit, one channel, same size: non-zero marks garment pixels; null means every pixel; an empty
     *             (0x0) mask has no garment pixels, so gives unknown
     * @throws IllegalArgumentException for other pixel types or a mask of another size
     */
    public static GarmentColour of(Mat bgr, Mat mask) {
        LabSamples samples = LabSamples.of(bgr, mask, MAX_SAMPLES);
        if (samples.garmentPixels < MIN_PIXELS || samples.count == 0) {
            return GarmentColour.unknown(0, samples.garmentPixels);
        }
        return vote(samples.lab, samples.count, samples.garmentPixels);
    }

    /** Names interleaved L*a*b* pixels: trims by lightness, classifies each and counts the votes. */
    static GarmentColour vote(float[] lab, int count, int garmentPixels) {
        int[] histogram = new int[LIGHTNESS_BINS];
        for (int i = 0; i < count; i++) {
            histogram[bin(lab[3 * i])]++;
        }
        // drop exactly the darkest and the brightest TRIM of the pixels (ties inside a bin in sample order)
        int cut = (int) Math.floor(TRIM * count);
        int low = 0;
        int below = 0;
        while (below + histogram[low] <= cut && low < LIGHTNESS_BINS - 1) {
            below += histogram[low++];
        }
        int high = LIGHTNESS_BINS - 1;
        int above = 0;
        while (above + histogram[high] <= cut && high > 0) {
            above += histogram[high--];
        }
        int dropLow = cut - below;
        int dropHigh = cut - above;
        ColourTerm[] terms = ColourTerm.values();
        int[] votes = new int[terms.length];
        double[][] sums = new double[terms.length][3];   // per term: L*, A, B (shading-normalised)
        int voters = 0;
        for (int i = 0; i < count; i++) {
            float l = lab[3 * i];
            int b = bin(l);
            if (b < low || b > high) {
                continue;
            }
            if (b == low && dropLow > 0) {
                dropLow--;
                continue;
            }
            if (b == high && dropHigh > 0) {
                dropHigh--;
                continue;
            }
            int t = ColourCategories.classify(l, lab[3 * i + 1], lab[3 * i + 2]).ordinal();
            double scale = ColourCategories.shadingScale(l);
            votes[t]++;
            sums[t][0] += l;
            sums[t][1] += lab[3 * i + 1] * scale;
            sums[t][2] += lab[3 * i + 2] * scale;
            voters++;
        }
        if (voters == 0) {
            return GarmentColour.unknown(0, garmentPixels);
        }
        int first = 0;
        for (int t = 1; t < terms.length; t++) {
            if (votes[t] > votes[first]) {
                first = t;
            }
        }
        double share = votes[first] / (double) voters;
        if (share < MIN_SHARE) {
            return GarmentColour.unknown(share, garmentPixels);
        }
        int second = -1;
        for (int t = 0; t < terms.length; t++) {
            if (t != first && votes[t] >= SECOND_SHARE * voters && (second < 0 || votes[t] > votes[second])) {
                second = t;
            }
        }
        if (second >= 0 && distinct(terms[first], sums[first], votes[first], terms[second], sums[second], votes[second])) {
            return new GarmentColour(terms[first], share, terms[second], votes[second] / (double) voters, garmentPixels);
        }
        return new GarmentColour(terms[first], share, null, 0, garmentPixels);
    }

    /** Whether two terms' pixels are two colours of the garment rather than shading of one. */
    private static boolean distinct(ColourTerm t1, double[] sum1, int n1, ColourTerm t2, double[] sum2, int n2) {
        double dl = sum1[0] / n1 - sum2[0] / n2;
        if (t1.achromatic() && t2.achromatic()) {
            return Math.abs(dl) >= ACHROMATIC_GAP;
        }
        if (t1.neighbour(t2)) {
            return false;
        }
        double da = sum1[1] / n1 - sum2[1] / n2;
        double db = sum1[2] / n1 - sum2[2] / n2;
        double w = ColourCategories.LIGHTNESS_WEIGHT;
        return Math.sqrt(da * da + db * db + w * w * dl * dl) >= CHROMATIC_GAP;
    }

    private static int bin(float l) {
        return Math.max(0, Math.min(LIGHTNESS_BINS - 1, Math.round(l)));
    }
}
