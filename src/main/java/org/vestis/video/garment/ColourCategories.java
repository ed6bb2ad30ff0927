package org.vestis.video.garment;

import org.vestis.video.ColourTerm;

/**
 * Names one CIELAB colour (D65, L* 0..100) with a basic colour term: black, white or grey by lightness when the colour
 * is nearly neutral; otherwise its hue angle picks a sector of the hue circle, and inside the two sectors that hold
 * two terms (red or pink, orange or brown, yellow or brown) the nearest published category centroid decides, in a
 * space where shading cancels out.
 *
 * <p><b>Shading.</b> Shading scales a surface's XYZ by a factor k; CIELAB's cube root turns that into L*+16, a* and
 * b* all scaled by k^(1/3) (exactly, above L* 8). So the hue angle and the ratios a*&#47;(L*+16), b*&#47;(L*+16) stay
 * put when a garment falls into shadow while L* drops. Centroid distances are measured on
 * (A, B) = (a*, b*) &middot; 66 &#47; (L*+16) (equal to a*, b* at L* 50) plus L* weighted by
 * {@link #LIGHTNESS_WEIGHT}: relative chroma decides, lightness only tips pink against burgundy or beige against
 * yellow. A consequence, on purpose: a dark, strongly saturated orange (saddle brown, #8B4513) is named orange, since
 * in a photo it is exactly the colour of orange cloth in shade.
 *
 * <p><b>Centroids</b> are Paul Centore's ("Beige, aqua, fuchsia, etc.: definitions for some non-basic surface colour
 * names", J. Int. Colour Assoc. 25, 2020, Table 1), fitted to about 16,000 named physical samples of the Color
 * Association of the United States (textile and paint colour cards: surface colours like garments). Centore gives
 * Munsell notations; the CIELAB values here were converted from them with the 1943 Munsell renotation table
 * (Newhall, Nickerson and Judd: xyY under illuminant C, interpolated in hue, value and chroma; Y from ASTM D1535),
 * Bradford-adapted to D65 as OpenCV's Lab uses. Non-basic names are folded into the basic term English speakers use
 * for them: wine is red, fuchsia is pink, tan and beige are brown (navy and lavender fall into the blue and purple
 * sectors by hue).
 * <pre>
 *   term     Centore name  Munsell        L*     a*     b*    hue
 *   red      red           5.1R 3.9/9.6   39.6   43.2   20.7   26
 *   red      wine          2.7R 3.0/4.9   30.3   24.9    7.0   16
 *   pink     pink          0.7R 6.1/7.2   62.0   30.3    7.8   14
 *   pink     fuchsia       4.8RP 4.1/10.3 41.6   45.3   -7.3  351
 *   orange   orange        2.5YR 6.1/10.3 62.0   33.9   46.2   54
 *   brown    brown         2.2YR 3.5/3.4  35.5   14.2   14.2   45
 *   brown    tan           6.3YR 5.2/4.1  53.0   11.0   21.8   63
 *   brown    beige         6.7YR 6.1/3.4  62.0    8.5   18.3   65
 *   yellow   yellow        3.9Y 7.8/8.0   78.7    0.0   55.7   90
 *   green    green         2.3G 5.0/4.0   51.1  -20.6   10.9  152
 *   blue     blue          1.8PB 4.8/5.0  48.9   -4.5  -19.6  257
 *   purple   purple        4.3P 3.0/6.5   30.2   23.3  -22.7  316
 * </pre>
 *
 * <p><b>Hue sectors</b> (CIELAB hue angle h, degrees). Each boundary starts from the Munsell hue midway between two
 * neighbouring centroids (Munsell hue steps are perceptually even, CIELAB angles are not), read as a CIELAB angle off
 * the renotation table at values 4-5, chroma 8:
 * <pre>
 *   41  red|orange    midway 8.8R is at 37.5-39 at chroma 8 and bends higher with chroma (7.5R: 33 at chroma 8,
 *                     37 at chroma 20); 41 keeps the sRGB red primary (40.0) red
 *   78  orange|yellow midway 8.6YR is at 72; moved to 78 so that the orange of sRGB and CSS (#FFA500, 73) stays orange
 *  108  yellow|green  midway 3.1GY is at 107-110
 *  215  green|blue    midway 2.05B is at 215-217 (teal and turquoise fall on the green side)
 *  309  blue|purple   midway 8.05PB is at 292-295; moved to 309 so that the sRGB blue primary and navy (#0000FF,
 *                     #000080: 306) stay blue, as English speakers name them (purple cloth in the test photos: 312-320)
 *  331  purple|pink   midway 9.55P (between purple 4.3P and fuchsia 4.8RP) is at 331-333
 * </pre>
 *
 * <p><b>Achromatic.</b> Centore's white (2.2Y 8.3/1.6) and grey (3.2Y 5.0/1.9) centroids lie at (A, B) = (0, 8) and
 * (1, 13): what people call white and grey is not exactly neutral, and the offset runs along the yellow-blue axis,
 * where daylight, shade and camera white balance move neutral surfaces too. So a colour is achromatic inside the
 * ellipse (A&#47;9)&sup2; + (B&#47;13.5)&sup2; &lt; 1, which holds both centroids but not beige or tan (Centore's beige:
 * (7, 15.5)), or when its chroma C*ab is under 10, where sensor noise and the dye casts of near-black cloth dominate.
 * Lightness then names it: black below L* 25 (ISCC-NBS: black below Munsell value 2.5, L* 25.8), white above L* 80
 * (ISCC-NBS: value 8.5, L* 85.6, less a margin for photographs: lit white cloth in the test photos is at L* 84-96, a
 * light grey coat at 61-85), grey between.
 */
public final class ColourCategories {
    /** L*+16 at L* = 50: the normalised coordinates equal a*, b* there. */
    static final double NORM = 66.0;
    /** Weight of L* differences against the shading-free (A, B) in the centroid distance. */
    static final double LIGHTNESS_WEIGHT = 0.5;
    /** Below this chroma C*ab a colour is achromatic whatever its lightness. */
    static final double CHROMA_FLOOR = 10.0;
    /** Semi-axes of the achromatic ellipse in (A, B): red-green, yellow-blue. */
    static final double NEUTRAL_A = 9.0;
    static final double NEUTRAL_B = 13.5;
    /** Achromatic lightness boundaries (L*). */
    static final double BLACK_BELOW = 25.0;
    static final double WHITE_ABOVE = 80.0;

    private static final Centroid RED = new Centroid(ColourTerm.RED, 39.6, 43.2, 20.7);
    private static final Centroid WINE = new Centroid(ColourTerm.RED, 30.3, 24.9, 7.0);
    private static final Centroid PINK = new Centroid(ColourTerm.PINK, 62.0, 30.3, 7.8);
    private static final Centroid FUCHSIA = new Centroid(ColourTerm.PINK, 41.6, 45.3, -7.3);
    private static final Centroid ORANGE = new Centroid(ColourTerm.ORANGE, 62.0, 33.9, 46.2);
    private static final Centroid BROWN = new Centroid(ColourTerm.BROWN, 35.5, 14.2, 14.2);
    private static final Centroid TAN = new Centroid(ColourTerm.BROWN, 53.0, 11.0, 21.8);
    private static final Centroid BEIGE = new Centroid(ColourTerm.BROWN, 62.0, 8.5, 18.3);
    private static final Centroid YELLOW = new Centroid(ColourTerm.YELLOW, 78.7, 0.0, 55.7);

    /** Sector start angles (ascending); a sector runs to the next start, the last one wraps round to the first. */
    private static final double[] SECTOR_START = {41, 78, 108, 215, 309, 331};
    private static final Centroid[][] SECTOR_CENTROIDS = {
        {ORANGE, BROWN, TAN, BEIGE},
        {YELLOW, BROWN, TAN, BEIGE},
        {},
        {},
        {},
        {RED, WINE, PINK, FUCHSIA},
    };
    /** The term of a one-term sector (null where centroids decide). */
    private static final ColourTerm[] SECTOR_TERM = {null, null, ColourTerm.GREEN, ColourTerm.BLUE, ColourTerm.PURPLE, null};

    private ColourCategories() {
    }

    /** The basic colour term of one CIELAB colour (never {@link ColourTerm#UNKNOWN}). */
    public static ColourTerm classify(double l, double a, double b) {
        if (a * a + b * b < CHROMA_FLOOR * CHROMA_FLOOR) {
            return byLightness(l);
        }
        double scale = shadingScale(l);
        double na = a * scale;
        double nb = b * scale;
        double ea = na / NEUTRAL_A;
        double eb = nb / NEUTRAL_B;
        if (ea * ea + eb * eb < 1) {
            return byLightness(l);
        }
        int sector = sector(Math.toDegrees(Math.atan2(b, a)));
        if (SECTOR_TERM[sector] != null) {
            return SECTOR_TERM[sector];
        }
        Centroid best = null;
        double bestDistance = Double.MAX_VALUE;
        for (Centroid c : SECTOR_CENTROIDS[sector]) {
            double da = na - c.na;
            double db = nb - c.nb;
            double dl = LIGHTNESS_WEIGHT * (l - c.l);
            double d = da * da + db * db + dl * dl;
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best.term;
    }

    /** The factor 66 / (L*+16) that turns a*, b* into the shading-free A, B. */
    static double shadingScale(double l) {
        return NORM / Math.max(l + 16, 1e-3);
    }

    /** The sector holding hue angle {@code degrees} (any range). */
    static int sector(double degrees) {
        double h = degrees % 360;
        if (h < 0) {
            h += 360;
        }
        for (int s = SECTOR_START.length - 1; s >= 0; s--) {
            if (h >= SECTOR_START[s]) {
                return s;
            }
        }
        return SECTOR_START.length - 1;   // below the first start: the wrapping sector
    }

    private static ColourTerm byLightness(double l) {
        if (l < BLACK_BELOW) {
            return ColourTerm.BLACK;
        }
        return l > WHITE_ABOVE ? ColourTerm.WHITE : ColourTerm.GREY;
    }

    /** A category centroid with its shading-normalised chromatic coordinates. */
    private static final class Centroid {
        final ColourTerm term;
        final double l;
        final double na;
        final double nb;

        Centroid(ColourTerm term, double l, double a, double b) {
            this.term = term;
            this.l = l;
            double scale = NORM / (l + 16);
            this.na = a * scale;
            this.nb = b * scale;
        }
    }
}
