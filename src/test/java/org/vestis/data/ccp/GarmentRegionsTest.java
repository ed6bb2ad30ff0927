package org.vestis.data.ccp;

import org.junit.jupiter.api.Test;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GarmentRegionsTest {
    @Test
    void sumsTheLabelsOfOneClassAndBoxesAllTheirPixels() {
        CcpSlots s = CcpSlotsTest.sample();
        List<String> labels = s.labels();
        BufferedImage img = new BufferedImage(40, 30, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster r = img.getRaster();
        fill(r, 2, 3, 5, 4, labels.indexOf("shirt"));    // 20 px
        fill(r, 20, 10, 3, 6, labels.indexOf("blouse")); // 18 px, also the class shirt
        fill(r, 10, 20, 4, 4, labels.indexOf("jeans"));  // 16 px: pants
        fill(r, 30, 0, 5, 5, labels.indexOf("skin"));    // no slot
        List<GarmentRegions.Region> regions = GarmentRegions.measure(r, s);
        assertThat(regions).containsExactly(
                new GarmentRegions.Region(new CcpSlots.SlotClass("top", "shirt"), 38, new Rectangle(2, 3, 21, 13)),
                new GarmentRegions.Region(new CcpSlots.SlotClass("bottom", "pants"), 16, new Rectangle(10, 20, 4, 4)));
    }

    @Test
    void marginGrowsEachSideAndStaysInsideThePhoto() {
        assertThat(GarmentRegions.withMargin(new Rectangle(100, 200, 50, 100), 0.1, 550, 830)).isEqualTo(new Rectangle(95, 190, 60, 120));
        assertThat(GarmentRegions.withMargin(new Rectangle(2, 780, 50, 50), 0.1, 550, 830)).isEqualTo(new Rectangle(0, 775, 57, 55));
    }

    private static void fill(WritableRaster r, int x, int y, int w, int h, int v) {
        for (int j = y; j < y + h; j++) {
            for (int i = x; i < x + w; i++) {
                r.setSample(i, j, 0, v);
            }
        }
    }
}
