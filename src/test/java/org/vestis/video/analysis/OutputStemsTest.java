package org.vestis.video.analysis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutputStemsTest {
    @Test
    void sameNamesInOneRunGetNumberedAndOtherScriptsKeepTheirLetters() {
        OutputStems stems = new OutputStems();
        assertThat(stems.next("day1/cam.gif")).isEqualTo("cam");
        assertThat(stems.next("day2/cam.gif")).isEqualTo("cam-2");
        assertThat(stems.next("day3/CAM.mp4")).as("case-insensitive file systems").isEqualTo("CAM-3");
        assertThat(stems.next("视频.gif")).isEqualTo("视频");
        assertThat(stems.next("服装.mp4")).isEqualTo("服装");
        assertThat(stems.next("rtsp://host/live stream?token=x")).isEqualTo("live_stream");
        assertThat(stems.next("frames/")).isEqualTo("frames");
    }
}
