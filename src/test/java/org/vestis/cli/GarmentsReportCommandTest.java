package org.vestis.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vestis.data.ccp.SlotMetrics;
import org.vestis.train.Metrics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GarmentsReportCommandTest extends ConsoleCommandTest {
    @Test
    void theSectionHasSlotsClassesAndConfusionsAndReplacesAnEarlierOne(@TempDir Path dir) throws Exception {
        List<String> labels = List.of("hat", "pants", "skirt");
        Map<String, String> slotOf = Map.of("hat", "headwear", "pants", "bottom", "skirt", "bottom");
        int[] truth = {0, 1, 2, 2};
        float[][] p = {{0.9f, 0.1f, 0}, {0, 0.8f, 0.2f}, {0.6f, 0.3f, 0.1f}, {0, 0.1f, 0.9f}};
        int[] train = {5, 40, 9};
        List<SlotMetrics.Slot> slots = SlotMetrics.of(labels, slotOf, truth, p, train);
        String md = GarmentsReportCommand.markdown(Metrics.of(truth, p, labels), slots, "test", slotOf, train, labels);
        assertThat(md).startsWith("## Garment slots (test split)\n")
                .contains("| bottom | 3 | 66.67% | 66.67% | 66.67% | 33.33% (pants) |")
                .contains("| skirt | bottom | 9 | 2 | 50.00% | 50.00% |")
                .contains("| pants | 1 | 0 |\n| skirt | 1 | 1 |");
        Path report = Files.writeString(dir.resolve("report.md"), "# model\n\ntext\n");
        GarmentsReportCommand.writeReport(report, md);
        GarmentsReportCommand.writeReport(report, md);
        assertThat(Files.readString(report)).isEqualTo("# model\n\ntext\n\n" + md);
    }

    @Test
    void aFolderThatIsNoGarmentsDatasetIsOneSentence(@TempDir Path dir) {
        assertThat(run("garments-report", dir.toString(), "--dataset", dir.toString())).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("vestis: " + dir + " is not a garments-dataset folder (it needs classes.csv, train/ and test/).");
    }
}
