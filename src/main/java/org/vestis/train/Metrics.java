package org.vestis.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Classification metrics from true labels and predicted class probabilities: mean cross-entropy loss,
 * top-1 and top-3 accuracy, the confusion matrix (rows = true class) and per-class precision, recall, F1.
 */
public record Metrics(int count, double loss, double top1, double top3, long[][] confusion, List<ClassMetrics> perClass,
                      double macroPrecision, double macroRecall, double macroF1) {

    public record ClassMetrics(String label, long support, double precision, double recall, double f1) {
    }

    /** The figures a bundle's model.json records for one split, in a fixed order. */
    public Map<String, Object> info(String split) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("split", split);
        m.put("images", count);
        m.put("top1", top1);
        m.put("top3", top3);
        m.put("macroPrecision", macroPrecision);
        m.put("macroRecall", macroRecall);
        m.put("macroF1", macroF1);
        m.put("loss", loss);
        m.put("perClass", perClass);
        return m;
    }

    public static Metrics of(int[] labels, float[][] probabilities, List<String> classNames) {
        int k = classNames.size();
        long[][] confusion = new long[k][k];
        double loss = 0;
        int top1 = 0;
        int top3 = 0;
        for (int i = 0; i < labels.length; i++) {
            float[] p = probabilities[i];
            int truth = labels[i];
            loss -= Math.log(Math.max(p[truth], 1e-12));
            int rank = rankOf(p, truth);
            top1 += rank == 0 ? 1 : 0;
            top3 += rank < 3 ? 1 : 0;
            confusion[truth][argmax(p)]++;
        }
        List<ClassMetrics> perClass = new ArrayList<>();
        double sumP = 0;
        double sumR = 0;
        double sumF = 0;
        int present = 0;
        for (int c = 0; c < k; c++) {
            long tp = confusion[c][c];
            long support = 0;
            long predicted = 0;
            for (int j = 0; j < k; j++) {
                support += confusion[c][j];
                predicted += confusion[j][c];
            }
            double precision = predicted == 0 ? 0 : (double) tp / predicted;
            double recall = support == 0 ? 0 : (double) tp / support;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perClass.add(new ClassMetrics(classNames.get(c), support, precision, recall, f1));
            // Macro averages cover the classes that occur (truly or predicted), as scikit-learn's do: a photo
            // folder with a few of the model's classes must not be averaged with zeros for the absent ones.
            if (support > 0 || predicted > 0) {
                sumP += precision;
                sumR += recall;
                sumF += f1;
                present++;
            }
        }
        int n = Math.max(labels.length, 1);
        int m = Math.max(present, 1);
        return new Metrics(labels.length, loss / n, (double) top1 / n, (double) top3 / n, confusion, perClass,
                sumP / m, sumR / m, sumF / m);
    }

    /** 0 when the true class has the highest probability, 1 when one class beats it, and so on. */
    static int rankOf(float[] p, int truth) {
        int rank = 0;
        for (int j = 0; j < p.length; j++) {
            if (p[j] > p[truth] || (p[j] == p[truth] && j < truth)) {
                rank++;
            }
        }
        return rank;
    }

    public static int argmax(float[] p) {
        int best = 0;
        for (int j = 1; j < p.length; j++) {
            if (p[j] > p[best]) {
                best = j;
            }
        }
        return best;
    }
}
