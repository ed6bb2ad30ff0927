package org.vestis.data.ccp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vestis.UserException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CcpSlotsTest {
    static final Path SAMPLE = Path.of("src/test/resources/ccp-sample");

    static CcpSlots sample() {
        return CcpSlots.read(SAMPLE.resolve("labels.txt"), SAMPLE.resolve("slots.csv"));
    }

    @Test
    void mapsEveryListedLabelToItsSlotClassAndTheRestToNone() {
        CcpSlots s = sample();
        assertThat(s.classes().stream().map(CcpSlots.SlotClass::name).toList()).containsExactly(
                "hat", "outerwear", "t-shirt", "shirt", "longsleeve", "top", "pants", "shorts", "skirt", "dress",
                "boots", "sneakers", "heels", "sandals", "shoes");
        List<String> labels = s.labels();
        assertThat(labels.get(0)).isEqualTo("null");
        assertThat(s.classOf(labels.indexOf("jeans"))).isEqualTo(new CcpSlots.SlotClass("bottom", "pants"));
        assertThat(s.classOf(labels.indexOf("leggings"))).isEqualTo(new CcpSlots.SlotClass("bottom", "pants"));
        assertThat(s.classOf(labels.indexOf("blouse"))).isEqualTo(new CcpSlots.SlotClass("top", "shirt"));
        assertThat(s.classOf(labels.indexOf("cardigan"))).isEqualTo(new CcpSlots.SlotClass("outerwear", "outerwear"));
        assertThat(s.classOf(labels.indexOf("romper"))).isEqualTo(new CcpSlots.SlotClass("bottom", "dress"));
        assertThat(s.classOf(labels.indexOf("wedges"))).isEqualTo(new CcpSlots.SlotClass("footwear", "heels"));
        assertThat(s.classOf(labels.indexOf("skin"))).isNull();
        assertThat(s.classOf(labels.indexOf("bag"))).isNull();
        assertThat(s.classOf(0)).isNull();
        assertThat(s.classOf(200)).isNull();
        int[] table = s.lookupTable();
        assertThat(table).hasSize(256);
        assertThat(table[labels.indexOf("jeans")]).isEqualTo(s.classes().indexOf(new CcpSlots.SlotClass("bottom", "pants")));
        assertThat(table[labels.indexOf("hair")]).isEqualTo(-1);
    }

    @Test
    void refusesSlotFilesThatDoNotFitTheLabels(@TempDir Path dir) throws Exception {
        Path labels = Files.writeString(dir.resolve("labels.txt"), "null\nskin\nhat\njeans\n");
        Path unknown = Files.writeString(dir.resolve("a.csv"), "label,slot,class\ncap,headwear,hat\n");
        assertThatThrownBy(() -> CcpSlots.read(labels, unknown)).isInstanceOf(UserException.class)
                .hasMessageContaining("names the label \"cap\"");
        Path badSlot = Files.writeString(dir.resolve("b.csv"), "label,slot,class\nhat,head,hat\n");
        assertThatThrownBy(() -> CcpSlots.read(labels, badSlot)).hasMessageContaining("names the slot \"head\"");
        Path twice = Files.writeString(dir.resolve("c.csv"), "hat,headwear,hat\njeans,bottom,hat\n");
        assertThatThrownBy(() -> CcpSlots.read(labels, twice)).hasMessageContaining("two slots");
        Path background = Files.writeString(dir.resolve("d.csv"), "null,bottom,pants\n");
        assertThatThrownBy(() -> CcpSlots.read(labels, background)).hasMessageContaining("background");
        assertThatThrownBy(() -> CcpSlots.read(labels, dir.resolve("none.csv"))).hasMessageContaining("does not exist");
    }
}
