package org.vestis.model;

import java.util.ArrayList;
import java.util.List;

/** One image's class probabilities, with the best k labels first. */
public record Prediction(List<Ranked> top, float[] probabilities) {

    public record Ranked(String label, double probability) {
    }

    public static Prediction of(float[] probabilities, List<String> labels, int k) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < probabilities.length; i++) {
            order.add(i);
        }
        order.sort((a, b) -> Float.compare(probabilities[b], probabilities[a]));
        List<Ranked> top = new ArrayList<>();
        for (int i = 0; i < Math.min(k, order.size()); i++) {
            top.add(new Ranked(labels.get(order.get(i)), probabilities[order.get(i)]));
        }
        return new Prediction(top, probabilities);
    }
}
