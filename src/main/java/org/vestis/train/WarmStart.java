package org.vestis.train;

import org.vestis.UserException;
import org.vestis.io.Json;
import org.vestis.model.ModelBundle;
import org.vestis.model.ModelInfo;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Fashion-MNIST training that continues from a bundle's weights ({@code --init pretrained:DIR}) instead of a
 * random start: a new learning-rate cycle on a trained network (a warm restart) with a fresh optimiser.
 */
final class WarmStart {
    private WarmStart() {
    }

    static TrainableNetwork load(String bundleDir, String architecture) {
        ModelBundle bundle = ModelBundle.load(Path.of(bundleDir)); // attaches the oneDNN helpers
        if (!"fashion-mnist".equals(bundle.info().dataset()) || !architecture.equals(bundle.info().backbone())) {
            throw new UserException(bundleDir + " is a " + bundle.info().backbone() + " model for " + bundle.info().dataset()
                    + "; --init pretrained:DIR must name a Fashion-MNIST bundle of the same architecture (" + architecture + ").");
        }
        return new TrainableNetwork(bundle.model());
    }

    /** Provenance for model.json: where the weights came from and how that bundle was made (model.json only). */
    static String describe(String bundleDir) throws IOException {
        ModelInfo info = Json.MAPPER.readValue(Path.of(bundleDir, ModelBundle.INFO_FILE).toFile(), ModelInfo.class);
        return bundleDir + " (" + info.backbone() + ", made by: " + info.command() + ")";
    }
}
