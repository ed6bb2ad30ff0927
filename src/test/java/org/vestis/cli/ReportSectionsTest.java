package org.vestis.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReportSectionsTest {
    @Test
    void aSectionIsAppendedThenReplacedWhereItStandsLeavingTheOthers() {
        String text = "# model\n\ntext\n";
        String once = ReportSections.put(text, "## B", "## B\n\nfirst\n");
        assertThat(once).isEqualTo("# model\n\ntext\n\n## B\n\nfirst\n");
        String withC = ReportSections.put(once, "## C (", "## C (test split)\n\nc\n");
        String replaced = ReportSections.put(withC, "## B", "## B\n\nsecond\n");
        assertThat(replaced).isEqualTo("# model\n\ntext\n\n## B\n\nsecond\n\n## C (test split)\n\nc\n");
        // A "### " subsection belongs to its section; a prefix matches any split's heading.
        assertThat(ReportSections.put(replaced, "## C (", "## C (validation split)\n\nv\n### sub\n"))
                .isEqualTo("# model\n\ntext\n\n## B\n\nsecond\n\n## C (validation split)\n\nv\n### sub\n");
    }
}
