package org.vestis.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vestis.UserException;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The DeepFashion category layout, on a copy of real photos with the benchmark's list files. */
class DeepFashionTest {
    @Test
    void partitionsLabelsAndBoxesComeFromTheListFiles(@TempDir Path dir) throws Exception {
        Path root = PhotoFixtures.deepFashionCopy(dir);
        assertThat(DeepFashion.isDeepFashion(root)).isTrue();
        Map<String, PhotoSet> parts = DeepFashion.read(root);
        assertThat(parts.keySet()).containsExactlyInAnyOrder("train", "val", "test");
        // Only categories in use become classes, in list_category_cloth.txt order (Blazer has no photos).
        assertThat(parts.get("train").labels()).containsExactly("Jeans", "Tee", "Dress", "Sneakers");
        assertThat(parts.get("train").size()).isEqualTo(25); // 24 photos + the damaged one
        assertThat(parts.get("val").size() + parts.get("test").size()).isEqualTo(8);
        LabelledPhoto first = parts.get("train").photos().get(0);
        assertThat(first.file()).isEqualTo(root.resolve("img/Item_Dress/img_00000001.jpg"));
        assertThat(parts.get("train").labels().get(first.label())).isEqualTo("Dress");
        assertThat(first.box()).isEqualTo(new LabelledPhoto.CropBox(40, 53, 360, 481));

        BufferedImage cropped = PhotoLoader.load(first);
        assertThat(cropped.getWidth()).isEqualTo(320);
        assertThat(cropped.getHeight()).isEqualTo(428);
        LabelledPhoto broken = parts.get("train").photos().get(24);
        assertThat(PhotoLoader.load(broken)).as("damaged JPEG").isNull();

        PhotoSplits splits = PhotoSplits.open(root, 0.1, 1);
        assertThat(splits.kind()).isEqualTo("deepfashion");
        // The same photos, in a seeded order (so that --test-limit samples every class).
        assertThat(splits.test().photos()).containsExactlyInAnyOrderElementsOf(parts.get("test").photos());
        assertThat(PhotoSplits.open(root, 0.1, 1).test().photos()).isEqualTo(splits.test().photos());
    }

    @Test
    void aCategoryOutsideTheClothListIsOneClearSentence(@TempDir Path dir) throws Exception {
        Path root = PhotoFixtures.deepFashionCopy(dir);
        Path list = root.resolve("Anno/list_category_img.txt");
        Files.writeString(list, Files.readString(list).replace("img_00000001.jpg  3", "img_00000001.jpg  77"));
        assertThatThrownBy(() -> DeepFashion.read(root)).isInstanceOf(UserException.class)
                .hasMessageContaining("the category 77, but list_category_cloth.txt has 5 categories");
    }

    @Test
    void boxesOutsideThePhotoAreClipped() {
        BufferedImage img = new BufferedImage(100, 50, BufferedImage.TYPE_INT_RGB);
        assertThat(PhotoLoader.crop(img, new LabelledPhoto.CropBox(-5, 10, 500, 40)).getWidth()).isEqualTo(100);
        assertThat(PhotoLoader.crop(img, new LabelledPhoto.CropBox(-5, 10, 500, 40)).getHeight()).isEqualTo(30);
    }
}
