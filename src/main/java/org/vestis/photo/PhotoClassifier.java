package org.vestis.photo;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vestis.model.ModelBundle;
import org.vestis.model.ModelInfo;
import org.vestis.model.Prediction;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/** Classifies photos with a model bundle: preprocessing as the bundle declares, then one batched forward pass. */
public final class PhotoClassifier {
    private final ModelBundle bundle;
    private final PhotoPreprocessor preprocessor;

    public PhotoClassifier(ModelBundle bundle) {
        this.bundle = bundle;
        this.preprocessor = new PhotoPreprocessor(bundle.info().input(), bundle.info().preprocessing());
    }

    public List<Prediction> classify(List<BufferedImage> photos, int topK) {
        ModelInfo.Input in = bundle.info().input();
        int n = preprocessor.inputSize();
        float[] x = new float[photos.size() * n];
        for (int i = 0; i < photos.size(); i++) {
            System.arraycopy(preprocessor.toInput(photos.get(i)), 0, x, i * n, n);
        }
        List<Prediction> out = new ArrayList<>();
        try (INDArray features = Nd4j.create(x, new long[]{photos.size(), n / (in.height() * in.width()), in.height(), in.width()}, DataType.FLOAT);
             INDArray probs = bundle.output(features)) {
            for (int i = 0; i < photos.size(); i++) {
                out.add(Prediction.of(probs.getRow(i).toFloatVector(), bundle.info().labels(), topK));
            }
        }
        return out;
    }
}
