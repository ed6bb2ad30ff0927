package org.vestis.serve.retrain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vestis.serve.photos.PhotoStore;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ReviewedItemsExportTest {
    private static List<ReviewedItemsExport.Item> items(String label, int n, long firstId) {
        List<ReviewedItemsExport.Item> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long id = firstId + i;
            out.add(new ReviewedItemsExport.Item(id, PhotoStore.sha256(("photo " + id).getBytes(StandardCharsets.UTF_8)), "image/jpeg", label));
        }
        return out;
    }

    @Test
    void splitsEachClassByPhotoAndLeavesOutClassesWithTooFewItems() {
        List<ReviewedItemsExport.Item> all = new ArrayList<>();
        all.addAll(items("pants", 10, 1));
        all.addAll(items("shoes", 5, 100));
        all.addAll(items("dress", 4, 200));
        all.addAll(items("../etc", 6, 300));

        ReviewedItemsExport.Plan plan = ReviewedItemsExport.plan(all, 5);

        assertThat(plan.labels()).containsExactly("pants", "shoes");
        assertThat(plan.leftOut()).containsEntry("dress", 4).containsEntry("../etc", 6);
        ReviewedItemsExport.ClassPart pants = plan.classes().get(0);
        assertThat(pants.heldOut()).hasSize(2);     // 20% of 10
        assertThat(pants.validation()).hasSize(1);  // 10% of 10
        assertThat(pants.train()).hasSize(7);
        ReviewedItemsExport.ClassPart shoes = plan.classes().get(1);
        assertThat(List.of(shoes.heldOut().size(), shoes.validation().size(), shoes.train().size())).containsExactly(1, 1, 3);
        assertThat(plan.items()).isEqualTo(15);
        assertThat(plan.perClass()).isEqualTo("pants 10, shoes 5");

        // Every photo in exactly one split.
        for (ReviewedItemsExport.ClassPart c : plan.classes()) {
            Set<Long> seen = new HashSet<>();
            Stream.of(c.train(), c.validation(), c.heldOut()).flatMap(List::stream).forEach(i -> assertThat(seen.add(i.photoId())).isTrue());
            assertThat(seen).hasSize(c.size());
        }
    }

    @Test
    void theSplitDependsOnThePhotosNotOnTheirOrderAndMostlySurvivesMoreReviews() {
        List<ReviewedItemsExport.Item> all = items("pants", 20, 1);
        List<ReviewedItemsExport.Item> shuffled = new ArrayList<>(all);
        Collections.shuffle(shuffled, new Random(7));
        assertThat(ReviewedItemsExport.plan(shuffled, 5)).isEqualTo(ReviewedItemsExport.plan(all, 5));

        // Five more reviewed photos: each photo's place in the order stays, so the held-out part changes only by the new
        // photos that come first and by at most one older photo (the one after the old held-out part).
        List<ReviewedItemsExport.Item> more = new ArrayList<>(all);
        more.addAll(items("pants", 5, 1000));
        List<ReviewedItemsExport.Item> before = ReviewedItemsExport.plan(all, 5).heldOut();
        List<ReviewedItemsExport.Item> after = ReviewedItemsExport.plan(more, 5).heldOut();
        assertThat(after).hasSize(5);
        assertThat(before.stream().filter(after::contains).count() + after.stream().filter(i -> i.photoId() >= 1000).count())
                .isGreaterThanOrEqualTo(before.size());
    }

    @Test
    void writesImageFoldersTheTrainingReadsAndTheSplitForTheRecord(@TempDir Path tmp) throws Exception {
        PhotoStore store = new PhotoStore(tmp.resolve("data"));
        List<ReviewedItemsExport.Item> all = new ArrayList<>();
        for (String label : List.of("pants", "shoes")) {
            for (int i = 0; i < 5; i++) {
                byte[] bytes = (label + i).getBytes(StandardCharsets.UTF_8);
                String hash = store.put(bytes);
                all.add(new ReviewedItemsExport.Item(all.size() + 1, hash, i == 0 ? "image/png" : "image/jpeg", label));
            }
        }
        ReviewedItemsExport.Plan plan = ReviewedItemsExport.plan(all, 5);
        Path out = tmp.resolve("images");
        Files.createDirectories(out);

        ReviewedItemsExport.write(plan, store, out);

        for (String split : List.of("train", "validation", "test")) {
            try (Stream<Path> classes = Files.list(out.resolve(split))) {
                assertThat(classes.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("pants", "shoes");
            }
        }
        try (Stream<Path> files = Files.walk(out.resolve("train"))) {
            List<Path> photos = files.filter(Files::isRegularFile).toList();
            assertThat(photos).hasSize(6);
            assertThat(photos).allMatch(p -> p.getFileName().toString().matches("\\d+\\.(jpg|png)"));
        }
        List<String> csv = Files.readAllLines(out.resolve("split.csv"));
        assertThat(csv).hasSize(11).first().isEqualTo("photo_id,label,split");
        assertThat(csv).filteredOn(l -> l.endsWith(",test")).hasSize(2);
        Map<String, Integer> counts = ReviewedItemsExport.countPerClass(all);
        assertThat(counts).containsExactly(Map.entry("pants", 5), Map.entry("shoes", 5));
    }
}
