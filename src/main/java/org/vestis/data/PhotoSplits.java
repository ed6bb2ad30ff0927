package org.vestis.data;

import org.vestis.UserException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The three splits of a photo dataset. An image-folder dataset ({@code DIR/train/<class>/},
 * {@code DIR/validation/<class>/} or {@code DIR/val/<class>/}) gets a stratified seeded test split carved from
 * train, and its own validation split for early stopping; with a {@code DIR/test/<class>/} folder as well, that
 * folder is the test split and train is used whole (datasets split by photo or scene, such as
 * {@code vestis garments-dataset}, whose test must never share a photo with train). A DeepFashion dataset uses its
 * partition file.
 */
public record PhotoSplits(String kind, PhotoSet train, PhotoSet validation, PhotoSet test) {

    public static PhotoSplits open(Path dir, double testFraction, long seed) {
        if (!Files.isDirectory(dir)) {
            throw new UserException("Image dataset " + dir + " does not exist.");
        }
        if (DeepFashion.isDeepFashion(dir)) {
            Map<String, PhotoSet> parts = DeepFashion.read(dir);
            for (String p : new String[]{"train", "val", "test"}) {
                if (!parts.containsKey(p)) {
                    throw new UserException("list_eval_partition.txt in " + dir + " assigns no images to '" + p + "'.");
                }
            }
            // The list files group photos by category: shuffled, --train-limit and --test-limit sample every class.
            return new PhotoSplits("deepfashion", parts.get("train").shuffled(seed), parts.get("val").shuffled(seed),
                    parts.get("test").shuffled(seed));
        }
        Path trainDir = dir.resolve("train");
        Path valDir = Files.isDirectory(dir.resolve("validation")) ? dir.resolve("validation") : dir.resolve("val");
        if (!Files.isDirectory(trainDir) || !Files.isDirectory(valDir)) {
            throw new UserException(dir + " is neither a DeepFashion dataset (Anno/" + DeepFashion.CATEGORY_IMG
                    + ") nor image folders with train/<class>/ and validation/<class>/.");
        }
        PhotoSet all = ImageFolder.read(trainDir);
        PhotoSet validation = ImageFolder.read(valDir, all.labels());
        if (Files.isDirectory(dir.resolve("test"))) {
            if (validation.size() == 0) {
                throw new UserException(valDir + " holds no photos of the training classes; validation needs some.");
            }
            return new PhotoSplits("image-folder-with-test", all.shuffled(seed), validation, ImageFolder.read(dir.resolve("test"), all.labels()));
        }
        PhotoSet.Parts parts = all.stratifiedSplit(testFraction, seed);
        if (validation.size() == 0) {
            throw new UserException(valDir + " holds no photos of the training classes; validation needs some.");
        }
        if (parts.test().size() == 0) {
            throw new UserException("A test fraction of " + testFraction + " of " + all.size() + " training photos leaves no test photos; raise --test-fraction.");
        }
        return new PhotoSplits("image-folder", parts.train(), validation, parts.test());
    }
}
