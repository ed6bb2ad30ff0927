package org.vestis.data.ccp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vestis.UserException;
import org.vestis.video.GarmentSlot;
import org.vestis.video.garment.SlotClasses;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** On four CCP photos and label maps halved in size (src/test/resources/ccp-sample, Apache-2.0, see NOTICE.md). */
class CcpGarmentCropsTest {
    static final Path SAMPLE = CcpSlotsTest.SAMPLE;
    /** Half-size photos have a quarter of the pixels: 300 here is 1,200 at full size. */
    static final CcpGarmentCrops.Options OPTIONS = CcpGarmentCrops.Options.defaults().withMinPixels(300).withMinTrainCrops(0);

    @Test
    void cutsOneCropPerPhotoAndClassWithTheManifest(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("crops");
        CcpGarmentCrops.Result r = CcpGarmentCrops.build(SAMPLE, out, OPTIONS);
        List<CcpGarmentCrops.Crop> ok = r.crops().stream().filter(c -> c.status().equals("ok")).toList();
        assertThat(ok).hasSize(18);
        assertThat(ok.stream().filter(c -> c.photo().equals("0004")).map(CcpGarmentCrops.Crop::garmentClass))
                .containsExactly("hat", "outerwear", "longsleeve", "pants", "shoes");
        assertThat(ok.stream().filter(c -> c.photo().equals("0043")).map(CcpGarmentCrops.Crop::garmentClass))
                .containsExactly("hat", "outerwear", "top", "pants", "sneakers");
        for (CcpGarmentCrops.Crop c : ok) {
            assertThat(c.file()).isEqualTo(c.split() + "/" + c.garmentClass() + "/" + c.photo() + "-" + c.slot() + ".jpg");
            BufferedImage img = ImageIO.read(out.resolve(c.file()).toFile());
            assertThat(img.getWidth()).isEqualTo(c.box().width);
            assertThat(img.getHeight()).isEqualTo(c.box().height);
        }
        List<String> manifest = Files.readAllLines(out.resolve("manifest.csv"));
        assertThat(manifest.get(0)).isEqualTo("photo,slot,class,pixels,x,y,width,height,split,status,file");
        assertThat(manifest).hasSize(1 + r.crops().size()).contains("0004,bottom,pants,5892,92,179,82,191,train,ok,train/pants/0004-bottom.jpg");
        assertThat(Files.readString(out.resolve("README.md"))).contains("Split by photo").contains("| bottom | pants | 4 | 0 | 0 |");
        assertThat(Files.readAllLines(out.resolve("classes.csv"))).startsWith("class,slot", "hat,headwear", "outerwear,outerwear");
        // garments.json: the same classes by slot, in the form the pipeline reads from a bundle.
        List<String> labels = r.classes().stream().map(CcpSlots.SlotClass::name).sorted().toList();
        SlotClasses slots = SlotClasses.read(out, labels).orElseThrow();
        assertThat(slots.classIndices().get(GarmentSlot.TOP).stream().map(labels::get)).containsExactlyInAnyOrder("t-shirt", "longsleeve", "top"); // the shirt is a collar (small)
        assertThat(slots.classIndices().get(GarmentSlot.FOOTWEAR).stream().map(labels::get)).contains("shoes", "sneakers");
        assertThat(slots.presenceThreshold(GarmentSlot.HEADWEAR)).isEqualTo(0.5);
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("crops"); // no temporary folder left
        }
    }

    @Test
    void garmentsUnderTheMinimumArePixelsAreListedNotCut(@TempDir Path dir) {
        CcpGarmentCrops.Result r = CcpGarmentCrops.build(SAMPLE, dir.resolve("a"), OPTIONS);
        // 0004 wears a sweater over a shirt: 189 shirt pixels show (a collar), under 300.
        CcpGarmentCrops.Crop shirt = r.crops().stream().filter(c -> c.photo().equals("0004") && c.garmentClass().equals("shirt")).findFirst().orElseThrow();
        assertThat(shirt.pixels()).isEqualTo(189);
        assertThat(shirt.status()).isEqualTo("small");
        assertThat(shirt.file()).isEmpty();
        assertThat(Files.exists(dir.resolve("a/train/shirt"))).isFalse();
        // The rule is "at least": at exactly 189 the collar is cut.
        CcpGarmentCrops.Result r2 = CcpGarmentCrops.build(SAMPLE, dir.resolve("b"), OPTIONS.withMinPixels(189));
        assertThat(r2.crops().stream().filter(c -> c.garmentClass().equals("shirt")).map(CcpGarmentCrops.Crop::status)).containsExactly("ok");
        // 0043's hat has 833 pixels: gone at 834.
        CcpGarmentCrops.Result r3 = CcpGarmentCrops.build(SAMPLE, dir.resolve("c"), OPTIONS.withMinPixels(834));
        assertThat(r3.crops().stream().filter(c -> c.photo().equals("0043") && c.garmentClass().equals("hat")).map(CcpGarmentCrops.Crop::status))
                .containsExactly("small");
    }

    @Test
    void aPhotosGarmentsAllLandInItsSplit(@TempDir Path dir) throws Exception {
        // Twelve photos (each fixture photo under three ids), so that each stratum has three photos to share out.
        Path ccp = dir.resolve("ccp");
        Files.createDirectories(ccp.resolve("photos"));
        Files.createDirectories(ccp.resolve("masks"));
        for (String f : new String[]{"labels.txt", "slots.csv"}) {
            Files.copy(SAMPLE.resolve(f), ccp.resolve(f));
        }
        for (String id : new String[]{"0004", "0043", "0064", "0113"}) {
            for (int copy = 0; copy < 3; copy++) {
                String newId = copy + id.substring(1);
                Files.copy(SAMPLE.resolve("photos/" + id + ".jpg"), ccp.resolve("photos/" + newId + ".jpg"));
                Files.copy(SAMPLE.resolve("masks/" + id + ".png"), ccp.resolve("masks/" + newId + ".png"));
            }
        }
        CcpGarmentCrops.Options o = new CcpGarmentCrops.Options(3, 300, 0.1, 320, 0.34, 0.34, Map.of(), 0, CcpGarmentCrops.Background.KEEP);
        CcpGarmentCrops.Result r = CcpGarmentCrops.build(ccp, dir.resolve("a"), o);
        Map<String, Set<String>> splitsOfPhoto = r.crops().stream().collect(Collectors.groupingBy(CcpGarmentCrops.Crop::photo,
                Collectors.mapping(CcpGarmentCrops.Crop::split, Collectors.toSet())));
        assertThat(splitsOfPhoto).hasSize(12);
        splitsOfPhoto.forEach((photo, splits) -> {
            assertThat(splits).as(photo).hasSize(1);
            assertThat(splits.iterator().next()).isEqualTo(r.splitOfPhoto().get(photo));
        });
        // Each fixture photo's three copies form one stratum: one copy per split.
        for (String id : new String[]{"004", "043", "064", "113"}) {
            assertThat(Stream.of("0", "1", "2").map(c -> r.splitOfPhoto().get(c + id))).containsExactlyInAnyOrder("train", "validation", "test");
        }
        for (CcpGarmentCrops.Crop c : r.crops()) {
            if (c.status().equals("ok")) {
                assertThat(dir.resolve("a").resolve(c.file())).exists();
                assertThat(c.file()).startsWith(r.splitOfPhoto().get(c.photo()) + "/");
            }
        }
        assertThat(r.count("test", "pants")).isEqualTo(4);
        // garments-eval scores a model on its dataset's photos: the split alone, without cutting, is the same.
        assertThat(CcpGarmentCrops.photoSplit(ccp, o)).isEqualTo(r.splitOfPhoto());
        assertThat(CcpGarmentCrops.photoSplit(ccp, o.withSeed(4))).isNotEqualTo(r.splitOfPhoto());
    }

    @Test
    void mergesBeforeCountingAndDropsClassesWithTooFewTrainingCrops(@TempDir Path dir) {
        CcpGarmentCrops.Result r = CcpGarmentCrops.build(SAMPLE, dir.resolve("a"),
                OPTIONS.withMerges(Map.of("sneakers", "shoes", "heels", "shoes")).withMinTrainCrops(2));
        // shoes now 3 (0004 shoes, 0043 sneakers, 0064 heels); sandals, t-shirt, top, longsleeve have 1 each.
        assertThat(r.classes().stream().map(CcpSlots.SlotClass::name)).containsExactly("hat", "outerwear", "pants", "shoes");
        assertThat(r.count("train", "shoes")).isEqualTo(3);
        assertThat(r.crops().stream().filter(c -> c.photo().equals("0113") && c.garmentClass().equals("sandals")).map(CcpGarmentCrops.Crop::status))
                .containsExactly("rare-class");
        assertThat(dir.resolve("a/train/sneakers")).doesNotExist();
        assertThat(dir.resolve("a/train/sandals")).doesNotExist();
        assertThat(dir.resolve("a/train/shoes/0043-footwear.jpg")).exists();
        assertThatThrownBy(() -> CcpGarmentCrops.build(SAMPLE, dir.resolve("b"), OPTIONS.withMerges(Map.of("hat", "shoes"))))
                .isInstanceOf(UserException.class).hasMessageContaining("crosses slots");
    }

    @Test
    void greyBackgroundKeepsOnlyTheGarmentsPixels(@TempDir Path dir) throws Exception {
        CcpGarmentCrops.build(SAMPLE, dir.resolve("a"), OPTIONS.withBackground(CcpGarmentCrops.Background.GREY));
        BufferedImage hat = ImageIO.read(dir.resolve("a/train/hat/0043-headwear.jpg").toFile());
        int corner = hat.getRGB(0, 0);
        // The margin is outside the hat's mask: grey up to JPEG's rounding.
        for (int shift : new int[]{16, 8, 0}) {
            assertThat((corner >> shift) & 0xff).isBetween(120, 136);
        }
    }

    @Test
    void refusesAnExistingOutputAndLeavesNothingWhenAMaskIsMissing(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("exists"));
        assertThatThrownBy(() -> CcpGarmentCrops.build(SAMPLE, dir.resolve("exists"), OPTIONS)).hasMessageContaining("already exists");
        Path ccp = dir.resolve("ccp");
        Files.createDirectories(ccp.resolve("photos"));
        Files.createDirectories(ccp.resolve("masks"));
        for (String f : new String[]{"labels.txt", "slots.csv"}) {
            Files.copy(SAMPLE.resolve(f), ccp.resolve(f));
        }
        Files.copy(SAMPLE.resolve("photos/0004.jpg"), ccp.resolve("photos/0004.jpg"));
        Files.copy(SAMPLE.resolve("masks/0004.png"), ccp.resolve("masks/0004.png"));
        Files.copy(SAMPLE.resolve("photos/0043.jpg"), ccp.resolve("photos/0043.jpg"));
        assertThatThrownBy(() -> CcpGarmentCrops.build(ccp, dir.resolve("out"), OPTIONS))
                .isInstanceOf(UserException.class).hasMessageContaining("0043.png is missing");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("exists", "ccp");
        }
    }
}
