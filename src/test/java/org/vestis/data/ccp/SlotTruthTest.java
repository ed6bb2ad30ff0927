package org.vestis.data.ccp;

import org.junit.jupiter.api.Test;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SlotTruthTest {
    private static GarmentRegions.Region region(String slot, String name, int pixels) {
        return new GarmentRegions.Region(new CcpSlots.SlotClass(slot, name), pixels, new Rectangle(0, 0, 1, 1));
    }

    @Test
    void eachWornSlotTakesTheClassWithTheMostPixels() {
        Map<String, String> truth = SlotTruth.of(List.of(
                region("top", "shirt", 300), region("top", "longsleeve", 2_000),
                region("bottom", "pants", 5_000), region("bottom", "dress", 4_999)), 20_000, 0.01);
        assertThat(truth).containsExactly(Map.entry("top", "longsleeve"), Map.entry("bottom", "pants"));
    }

    @Test
    void footwearIsBootsSandalsOrOtherWithTheOthersPixelsSummed() {
        // Sneakers and heels are both "other": 300 + 250 beat the boots' 400.
        Map<String, String> truth = SlotTruth.of(List.of(region("footwear", "boots", 400), region("footwear", "sneakers", 300),
                region("footwear", "heels", 250)), 10_000, 0.01);
        assertThat(truth).containsExactly(Map.entry("footwear", "other"));
        assertThat(SlotTruth.evalClass("footwear", "sandals")).isEqualTo("sandals");
        assertThat(SlotTruth.evalClass("footwear", "shoes")).isEqualTo("other");
        assertThat(SlotTruth.evalClass("top", "shoes")).isEqualTo("shoes"); // only footwear is regrouped
    }

    @Test
    void aSlotUnderTheMinimumShareOfThePersonIsNotWorn() {
        List<GarmentRegions.Region> regions = List.of(region("headwear", "hat", 99), region("outerwear", "outerwear", 100));
        // 1% of 10,000 labelled pixels is 100: the hat's 99 pixels are a sliver, the jacket's 100 count.
        assertThat(SlotTruth.of(regions, 10_000, 0.01)).containsExactly(Map.entry("outerwear", "outerwear"));
        assertThat(SlotTruth.of(regions, 10_000, 0)).containsOnlyKeys("headwear", "outerwear");
    }

    @Test
    void labelledPixelsAreAllButTheBackground() {
        BufferedImage mask = new BufferedImage(4, 3, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster r = mask.getRaster();
        r.setSample(0, 0, 0, 41);
        r.setSample(3, 2, 0, 19);
        r.setSample(1, 1, 0, 255);
        assertThat(SlotTruth.labelledPixels(r)).isEqualTo(3);
    }

    @Test
    void realLabelMapsOfTheSample() {
        CcpSlots slots = CcpSlots.read(CcpSlotsTest.SAMPLE.resolve("labels.txt"), CcpSlotsTest.SAMPLE.resolve("slots.csv"));
        // 0004 wears a sweater over a shirt whose collar (189 px) is too small to count; 0043's sneakers are "other".
        Map<String, String> p4 = SlotTruth.ofMask(CcpSlotsTest.SAMPLE.resolve("masks/0004.png"), slots, 0.01);
        assertThat(p4).containsEntry("top", "longsleeve").containsEntry("bottom", "pants").containsKey("outerwear");
        Map<String, String> p43 = SlotTruth.ofMask(CcpSlotsTest.SAMPLE.resolve("masks/0043.png"), slots, 0.01);
        assertThat(p43).containsEntry("footwear", "other").containsEntry("headwear", "hat");
        assertThat(SlotTruth.evalClasses(slots, "footwear")).containsExactly("boots", "sandals", "other");
        assertThat(SlotTruth.evalClasses(slots, "top")).containsExactly("t-shirt", "shirt", "longsleeve", "top");
    }
}
