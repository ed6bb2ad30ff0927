package org.vestis.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Labelled photos of one split (files, not pixels: photos are decoded when they are used). */
public record PhotoSet(List<String> labels, List<LabelledPhoto> photos) {

    public record Parts(PhotoSet train, PhotoSet test) {
    }

    public int size() {
        return photos.size();
    }

    public int[] classCounts() {
        int[] counts = new int[labels.size()];
        for (LabelledPhoto p : photos) {
            counts[p.label()]++;
        }
        return counts;
    }

    /** Seeded split keeping each class's share in both parts (same scheme as {@link StratifiedSplit}). */
    public Parts stratifiedSplit(double testFraction, long seed) {
        List<List<LabelledPhoto>> byClass = new ArrayList<>();
        for (int c = 0; c < labels.size(); c++) {
            byClass.add(new ArrayList<>());
        }
        for (LabelledPhoto p : photos) {
            byClass.get(p.label()).add(p);
        }
        Random rng = new Random(seed);
        List<LabelledPhoto> train = new ArrayList<>();
        List<LabelledPhoto> test = new ArrayList<>();
        for (List<LabelledPhoto> members : byClass) {
            Collections.shuffle(members, rng);
            int nTest = (int) Math.round(members.size() * testFraction);
            test.addAll(members.subList(0, nTest));
            train.addAll(members.subList(nTest, members.size()));
        }
        Collections.shuffle(train, rng);
        Collections.shuffle(test, rng);
        return new Parts(new PhotoSet(labels, List.copyOf(train)), new PhotoSet(labels, List.copyOf(test)));
    }

    /** The same photos in a seeded random order, so that {@link #limit} takes a sample of every class. */
    public PhotoSet shuffled(long seed) {
        List<LabelledPhoto> copy = new ArrayList<>(photos);
        Collections.shuffle(copy, new Random(seed));
        return new PhotoSet(labels, List.copyOf(copy));
    }

    /** The first {@code limit} photos (all when limit is 0 or larger than the set). */
    public PhotoSet limit(int limit) {
        return limit <= 0 || limit >= size() ? this : new PhotoSet(labels, photos.subList(0, limit));
    }
}
