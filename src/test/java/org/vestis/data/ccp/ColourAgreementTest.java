package org.vestis.data.ccp;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ColourAgreementTest {
    @Test
    void countsPhotosWhereBothNameAGarmentByTheMainColour() {
        List<Map<String, String>> truth = List.of(
                Map.of("top", "red", "bottom", "blue"),
                Map.of("top", "black/white", "bottom", "unknown"), // an unnamed truth is not compared
                Map.of("top", "green"),                            // no person found: no answers
                Map.of("top", "white"));
        List<Map<String, String>> answers = List.of(
                Map.of("top", "red", "bottom", "black"),
                Map.of("top", "black", "bottom", "blue"),
                Map.of(),
                Map.of("top", "unknown"));
        ColourAgreement top = ColourAgreement.of("top", truth, answers);
        assertThat(top).isEqualTo(new ColourAgreement("top", 3, 2, 1));
        assertThat(top.agreement()).isEqualTo(2 / 3.0);
        assertThat(ColourAgreement.of("bottom", truth, answers)).isEqualTo(new ColourAgreement("bottom", 1, 0, 0));
        assertThat(ColourAgreement.of("headwear", truth, answers).agreement()).isNaN();
        assertThatThrownBy(() -> ColourAgreement.of("top", truth, List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
