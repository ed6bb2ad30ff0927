package org.vestis.photo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vestis.UserException;
import org.vestis.model.ModelInfo;
import org.vestis.model.zoo.Backbone;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PhotoPreprocessorTest {
    private final PhotoPreprocessor prep = new PhotoPreprocessor(new ModelInfo.Input(28, 28, 1), ModelInfo.Preprocessing.FASHION_MNIST);

    @Test
    void darkObjectOnWhiteBecomesBrightObjectOnBlackFilledToTheFrameKeepingAspect() {
        // A tall dark rectangle (100x200) in the middle of a white 400x400 photo.
        BufferedImage photo = new BufferedImage(400, 400, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = photo.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 400, 400);
        g.setColor(new Color(30, 30, 30));
        g.fillRect(150, 100, 100, 200);
        g.dispose();
        BufferedImage in = prep.toModelImage(photo);
        assertThat(in.getWidth()).isEqualTo(28);
        assertThat(in.getHeight()).isEqualTo(28);
        // Cropped to the object and fitted: full height, half the width (14 px) centred, black elsewhere.
        assertThat(in.getRaster().getSample(14, 1, 0)).isGreaterThan(200);
        assertThat(in.getRaster().getSample(14, 26, 0)).isGreaterThan(200);
        assertThat(in.getRaster().getSample(2, 14, 0)).isLessThan(10);
        assertThat(in.getRaster().getSample(25, 14, 0)).isLessThan(10);
        float[] values = prep.toInput(photo);
        assertThat(values).hasSize(784);
        for (float v : values) {
            assertThat(v).isBetween(0f, 1f);
        }
    }

    @Test
    void realPhotoGivesAFashionMnistLikeInput() {
        BufferedImage photo = PhotoPreprocessor.read(Path.of("src/test/resources/photos/t-shirt.jpg"));
        BufferedImage in = prep.toModelImage(photo);
        int[][] g = new int[28][28];
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                g[y][x] = in.getRaster().getSample(x, y, 0);
            }
        }
        double background = PhotoPreprocessor.borderMean(g);
        assertThat(background).as("background is dark").isLessThan(40);
        // A yellow shirt on a beige wall: close in gray, yet it must stand out from the (now black) background.
        double centre = 0;
        for (int y = 9; y < 19; y++) {
            for (int x = 9; x < 19; x++) {
                centre += g[y][x] / 100.0;
            }
        }
        assertThat(centre).as("the garment in the centre is brighter").isGreaterThan(background + 15);
    }

    @Test
    void undecodableFileIsAClearError(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("broken.jpg");
        Files.writeString(bad, "this is not a JPEG");
        assertThatThrownBy(() -> PhotoPreprocessor.read(bad)).isInstanceOf(UserException.class).hasMessageContaining("Cannot decode " + bad);
        assertThatThrownBy(() -> PhotoPreprocessor.read(dir.resolve("none.png"))).isInstanceOf(UserException.class).hasMessageContaining("does not exist");
    }

    @Test
    void colourBundlesGetRgbChannelsScaledToMinusOneToOne() {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(40, 20, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(new java.awt.Color(255, 0, 0));
        g.fillRect(0, 0, 20, 20); // left half red
        g.setColor(new java.awt.Color(0, 0, 255));
        g.fillRect(20, 0, 20, 20); // right half blue
        g.dispose();
        PhotoPreprocessor p = new PhotoPreprocessor(new ModelInfo.Input(8, 8, 3), Backbone.MOBILENET_PREPROCESSING);
        float[] x = p.toInput(img);
        assertThat(x).hasSize(3 * 64).hasSize(p.inputSize());
        // Stretched, not fitted: the left half of every row is red, the right half blue, with no border.
        assertThat(x[0]).isEqualTo(1f);          // R at (0,0)
        assertThat(x[64]).isEqualTo(-1f);        // G at (0,0)
        assertThat(x[128]).isEqualTo(-1f);       // B at (0,0)
        assertThat(x[7]).isEqualTo(-1f);         // R at (7,0)
        assertThat(x[128 + 63]).isEqualTo(1f);   // B at (7,7)
    }

    @Test
    void zooBundlesGetBgrChannelsMinusTheImagenetMean() {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(10, 10, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(new java.awt.Color(200, 100, 50));
        g.fillRect(0, 0, 10, 10);
        g.dispose();
        PhotoPreprocessor p = new PhotoPreprocessor(new ModelInfo.Input(4, 4, 3), Backbone.ZOO_PREPROCESSING);
        float[] x = p.toInput(img);
        assertThat(x).hasSize(48);
        assertThat(x[0]).isCloseTo(50 - 103.939f, within(1e-3f));   // B plane first
        assertThat(x[16]).isCloseTo(100 - 116.779f, within(1e-3f)); // G
        assertThat(x[47]).isCloseTo(200 - 123.68f, within(1e-3f));  // R plane last
    }
}
