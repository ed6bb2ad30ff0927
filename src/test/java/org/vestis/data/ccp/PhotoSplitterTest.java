package org.vestis.data.ccp;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class PhotoSplitterTest {
    /** 200 photos: every one has class 0 (common), every tenth also class 1 (rare). */
    private static Map<String, Set<Integer>> photos() {
        Map<String, Set<Integer>> m = new HashMap<>();
        for (int i = 0; i < 200; i++) {
            m.put(String.format("%04d", i), i % 10 == 0 ? Set.of(0, 1) : Set.of(0));
        }
        m.put("9999", Set.of());
        return m;
    }

    @Test
    void everyPhotoGetsOneSplitInTheFractionsAndRareClassesReachEverySplit() {
        Map<String, String> split = PhotoSplitter.split(photos(), 0.15, 0.15, 7);
        assertThat(split).hasSize(201);
        Map<String, Integer> count = new TreeMap<>();
        Map<String, Integer> rare = new TreeMap<>();
        split.forEach((photo, s) -> {
            count.merge(s, 1, Integer::sum);
            if (!photo.equals("9999") && Integer.parseInt(photo) % 10 == 0) {
                rare.merge(s, 1, Integer::sum);
            }
        });
        assertThat(count).containsEntry("test", 30).containsEntry("validation", 30).containsEntry("train", 141);
        assertThat(rare).containsEntry("test", 3).containsEntry("validation", 3).containsEntry("train", 14);
    }

    @Test
    void theSeedAloneDecides() {
        assertThat(PhotoSplitter.split(photos(), 0.15, 0.15, 7)).isEqualTo(PhotoSplitter.split(new TreeMap<>(photos()), 0.15, 0.15, 7));
        assertThat(PhotoSplitter.split(photos(), 0.15, 0.15, 7)).isNotEqualTo(PhotoSplitter.split(photos(), 0.15, 0.15, 8));
    }
}
