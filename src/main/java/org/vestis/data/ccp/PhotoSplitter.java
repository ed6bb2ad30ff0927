package org.vestis.data.ccp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Train/validation/test by photo: all garments of a photo land in one split. Stratified as simply as possible:
 * each photo is filed under its rarest class (the one fewest photos contain), and each such group is shuffled
 * (seeded) and cut into test, validation and train by the fractions, rounded; so rare classes reach every split
 * when they have enough photos, and common ones follow from the rest.
 */
public final class PhotoSplitter {
    public static final String TRAIN = "train";
    public static final String VALIDATION = "validation";
    public static final String TEST = "test";

    private PhotoSplitter() {
    }

    /**
     * @param classesByPhoto photo id to the indices of the classes it contains (may be empty)
     * @return photo id to split name, for every photo
     */
    public static Map<String, String> split(Map<String, Set<Integer>> classesByPhoto, double validationFraction,
                                            double testFraction, long seed) {
        Map<Integer, Integer> photosWith = new HashMap<>();
        classesByPhoto.values().forEach(cs -> cs.forEach(c -> photosWith.merge(c, 1, Integer::sum)));
        // Sorted keys and photo ids: the result depends on the seed alone, never on map order.
        Map<Integer, List<String>> strata = new TreeMap<>();
        for (String photo : new java.util.TreeSet<>(classesByPhoto.keySet())) {
            int key = -1;
            for (int c : classesByPhoto.get(photo)) {
                if (key < 0 || photosWith.get(c) < photosWith.get(key) || (photosWith.get(c).equals(photosWith.get(key)) && c < key)) {
                    key = c;
                }
            }
            strata.computeIfAbsent(key, k -> new ArrayList<>()).add(photo);
        }
        Random rng = new Random(seed);
        Map<String, String> result = new LinkedHashMap<>();
        for (List<String> members : strata.values()) {
            Collections.shuffle(members, rng);
            int nTest = (int) Math.round(members.size() * testFraction);
            int nVal = (int) Math.round(members.size() * validationFraction);
            for (int i = 0; i < members.size(); i++) {
                result.put(members.get(i), i < nTest ? TEST : i < nTest + nVal ? VALIDATION : TRAIN);
            }
        }
        return result;
    }
}
