package org.vestis.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vestis.UserException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageFolderTest {
    @Test
    void classesAreTheSortedSubfoldersAndEveryPhotoIsListed() {
        PhotoSet set = ImageFolder.read(PhotoFixtures.CLOTHING.resolve("train"));
        assertThat(set.labels()).containsExactlyElementsOf(PhotoFixtures.CLASSES);
        assertThat(set.classCounts()).containsExactly(6, 6, 6, 6);
        assertThat(set.photos()).allMatch(p -> p.file().getParent().getFileName().toString().equals(set.labels().get(p.label())));
    }

    @Test
    void aFolderOfAnUnknownClassIsRefusedButAMissingClassIsFine(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("hat"));
        Files.copy(Path.of("src/test/resources/photos/dress.jpg"), dir.resolve("hat/a.jpg"));
        assertThatThrownBy(() -> ImageFolder.read(dir, PhotoFixtures.CLASSES)).isInstanceOf(UserException.class)
                .hasMessageContaining("is not one of the classes");
        PhotoSet one = ImageFolder.read(dir, List.of("dress", "hat"));
        assertThat(one.classCounts()).containsExactly(0, 1);
    }

    @Test
    void aLabelWithASlashIsMatchedByItsFolderNameWithADash(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("T-shirt-top"));
        Files.copy(Path.of("src/test/resources/photos/t-shirt.jpg"), dir.resolve("T-shirt-top/a.jpg"));
        PhotoSet set = ImageFolder.read(dir, List.of("T-shirt/top", "Trouser"));
        assertThat(set.classCounts()).containsExactly(1, 0);
    }

    @Test
    void imageFolderDatasetGetsAStratifiedSeededTestSplitFromTrain() {
        PhotoSplits a = PhotoSplits.open(PhotoFixtures.CLOTHING, 0.34, 7);
        PhotoSplits b = PhotoSplits.open(PhotoFixtures.CLOTHING, 0.34, 7);
        assertThat(a.kind()).isEqualTo("image-folder");
        assertThat(a.test().classCounts()).containsExactly(2, 2, 2, 2);
        assertThat(a.train().classCounts()).containsExactly(4, 4, 4, 4);
        assertThat(a.validation().classCounts()).containsExactly(2, 2, 2, 2);
        assertThat(a.test().photos()).isEqualTo(b.test().photos());
        assertThat(a.train().photos()).doesNotContainAnyElementsOf(a.test().photos());
    }

    @Test
    void aFolderWithoutSplitsIsOneClearSentence(@TempDir Path dir) {
        assertThatThrownBy(() -> PhotoSplits.open(dir, 0.1, 1)).isInstanceOf(UserException.class)
                .hasMessageContaining("is neither a DeepFashion dataset");
    }
}
