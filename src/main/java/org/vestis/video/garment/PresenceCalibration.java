package org.vestis.video.garment;

/**
 * How likely an optional slot's garment is worn, from the network's score for it (the summed probability of the slot's
 * classes): Platt scaling, {@code 1 / (1 + exp(-(scale * logit(score) + offset)))}, fitted on validation photos by
 * maximum likelihood. The network's score alone is not that probability: on the CCP test photos it averaged 82.6% for
 * the outerwear it called worn, of which 71.4% was. {@link #IDENTITY} states the score itself.
 *
 * @param scale  the logit's slope (1: as the network says)
 * @param offset the logit's shift (0: as the network says)
 */
public record PresenceCalibration(double scale, double offset) {
    public static final PresenceCalibration IDENTITY = new PresenceCalibration(1, 0);
    /** Scores are held this far from 0 and 1 (a softmax rounds to them), so that their logits stay finite. */
    static final double EDGE = 1e-4;
    /** Pulls the fit towards the identity a little: keeps separated data finite. */
    private static final double RIDGE = 1e-3;

    /** The probability that the garment is worn, given the network's score. */
    public double probability(double score) {
        if (this.equals(IDENTITY)) {
            return score;
        }
        return sigmoid(scale * logit(score) + offset);
    }

    /**
     * The maximum-likelihood scale and offset for these scores and truths (Newton's method on the two parameters, each
     * step halved until the likelihood improves, with a small ridge so that perfectly separated data gives a steep
     * slope, not an infinite one); identity when all the photos agree (nothing to fit).
     */
    public static PresenceCalibration fit(double[] scores, boolean[] worn) {
        int positives = 0;
        for (boolean w : worn) {
            positives += w ? 1 : 0;
        }
        if (positives == 0 || positives == worn.length) {
            return IDENTITY;
        }
        double[] x = new double[scores.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = logit(scores[i]);
        }
        double a = 1;
        double b = 0;
        double loss = loss(x, worn, a, b);
        for (int iteration = 0; iteration < 100; iteration++) {
            double ga = RIDGE * (a - 1);
            double gb = RIDGE * b;
            double haa = RIDGE;
            double hab = 0;
            double hbb = RIDGE;
            for (int i = 0; i < x.length; i++) {
                double p = sigmoid(a * x[i] + b);
                double weight = p * (1 - p);
                ga += (p - (worn[i] ? 1 : 0)) * x[i];
                gb += p - (worn[i] ? 1 : 0);
                haa += weight * x[i] * x[i];
                hab += weight * x[i];
                hbb += weight;
            }
            double det = haa * hbb - hab * hab;
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            double step = 1;
            double next = loss(x, worn, a - da, b - db);
            while (next > loss && step > 1e-6) {
                step /= 2;
                next = loss(x, worn, a - step * da, b - step * db);
            }
            if (next > loss) {
                break;
            }
            a -= step * da;
            b -= step * db;
            boolean converged = loss - next < 1e-12;
            loss = next;
            if (converged) {
                break;
            }
        }
        return new PresenceCalibration(a, b);
    }

    /** Negative log-likelihood plus the ridge. */
    private static double loss(double[] x, boolean[] worn, double a, double b) {
        double sum = RIDGE / 2 * ((a - 1) * (a - 1) + b * b);
        for (int i = 0; i < x.length; i++) {
            double p = sigmoid(a * x[i] + b);
            sum -= Math.log(Math.max(1e-300, worn[i] ? p : 1 - p));
        }
        return sum;
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    private static double logit(double score) {
        double s = Math.min(1 - EDGE, Math.max(EDGE, score));
        return Math.log(s / (1 - s));
    }
}
