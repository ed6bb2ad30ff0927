package org.vestis.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded split that keeps each class's share the same in both parts (e.g. 9:1 train/validation). */
public final class StratifiedSplit {
    private StratifiedSplit() {
    }

    public record Parts(Dataset train, Dataset validation) {
    }

    public static Parts split(Dataset all, double validationFraction, long seed) {
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < all.numClasses(); c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < all.size(); i++) {
            byClass.get(all.label(i)).add(i);
        }
        Random rng = new Random(seed);
        List<Integer> train = new ArrayList<>();
        List<Integer> validation = new ArrayList<>();
        for (List<Integer> members : byClass) {
            java.util.Collections.shuffle(members, rng);
            int nVal = (int) Math.round(members.size() * validationFraction);
            validation.addAll(members.subList(0, nVal));
            train.addAll(members.subList(nVal, members.size()));
        }
        java.util.Collections.shuffle(train, rng);
        java.util.Collections.shuffle(validation, rng);
        return new Parts(all.subset(toArray(train)), all.subset(toArray(validation)));
    }

    private static int[] toArray(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }
}
