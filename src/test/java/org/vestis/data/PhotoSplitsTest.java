package org.vestis.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PhotoSplitsTest {
    private static void photos(Path dir, String split, String cls, int n) throws Exception {
        Path d = Files.createDirectories(dir.resolve(split).resolve(cls));
        for (int i = 0; i < n; i++) {
            Files.copy(Path.of("src/test/resources/photos/pants.jpg"), d.resolve(split + "-" + cls + "-" + i + ".jpg"));
        }
    }

    @Test
    void aTestFolderIsTheTestSplitAndTrainIsUsedWhole(@TempDir Path dir) throws Exception {
        for (String cls : new String[]{"a", "b"}) {
            photos(dir, "train", cls, 10);
            photos(dir, "validation", cls, 2);
            photos(dir, "test", cls, 3);
        }
        PhotoSplits s = PhotoSplits.open(dir, 0.1, 42);
        assertThat(s.kind()).isEqualTo("image-folder-with-test");
        assertThat(s.train().size()).isEqualTo(20);
        assertThat(s.validation().size()).isEqualTo(4);
        assertThat(s.test().size()).isEqualTo(6);
        Set<Path> train = new HashSet<>();
        s.train().photos().forEach(p -> train.add(p.file()));
        s.test().photos().forEach(p -> assertThat(p.file().toString()).contains("/test/"));
        assertThat(train).allMatch(p -> p.toString().contains("/train/"));
    }

    @Test
    void withoutATestFolderTheTestSplitIsCarvedFromTrain(@TempDir Path dir) throws Exception {
        for (String cls : new String[]{"a", "b"}) {
            photos(dir, "train", cls, 10);
            photos(dir, "validation", cls, 2);
        }
        PhotoSplits s = PhotoSplits.open(dir, 0.1, 42);
        assertThat(s.kind()).isEqualTo("image-folder");
        assertThat(s.train().size()).isEqualTo(18);
        assertThat(s.test().size()).isEqualTo(2);
    }
}
