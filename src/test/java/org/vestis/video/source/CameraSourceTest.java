package org.vestis.video.source;

import org.junit.jupiter.api.Test;
import org.vestis.UserException;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** Test machines have no camera: what can be tested is the message a user without one gets. */
class CameraSourceTest {

    @Test
    void noCameraAtIndexZeroIsAUserError() {
        assumeFalse(Files.exists(Path.of("/dev/video0")), "this machine has a camera at /dev/video0");
        assertThatThrownBy(() -> new CameraSource("0"))
                .isInstanceOf(UserException.class)
                .hasMessageStartingWith("No camera could be opened at 0;");
    }

    @Test
    void noCameraAtADevicePathIsAUserError() {
        assumeFalse(Files.exists(Path.of("/dev/video99")), "this machine has a /dev/video99");
        assertThatThrownBy(() -> new CameraSource("/dev/video99"))
                .isInstanceOf(UserException.class)
                .hasMessageStartingWith("No camera could be opened at /dev/video99;");
    }
}
