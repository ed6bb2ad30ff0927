package org.vestis.model.zoo;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.vestis.UserException;
import org.vestis.nn.dnnl.BatchNormRelu;
import org.vestis.nn.dnnl.DnnlConvolutionLayer;
import org.vestis.nn.dnnl.DnnlDense;
import org.vestis.nn.dnnl.DnnlMaxPool;
import org.vestis.nn.dnnl.DnnlOutput;
import org.vestis.nn.dnnl.DnnlRelu;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The compact CNNs for 28x28 grayscale images, selectable by name. */
public enum Architecture {
    /** The seed projects' topology, unchanged: 2x conv3x3+ReLU, maxpool, dense 128, dropout, softmax. */
    SEED_CNN("seed-cnn") {
        @Override
        public MultiLayerConfiguration configuration(int height, int width, int channels, int numClasses, double learningRate, long seed) {
            return base(learningRate, seed).list()
                    .layer(DnnlConvolutionLayer.of(3, 32, new DnnlRelu(), true))
                    .layer(DnnlConvolutionLayer.of(3, 64, new DnnlRelu(), true))
                    .layer(DnnlMaxPool.of(2))
                    .layer(DnnlDense.of(128, new DnnlRelu()))
                    // DL4J's dropOut is the probability of KEEPING an activation: 0.5 as in the seeds.
                    .layer(DnnlOutput.softmax(numClasses, 0.5))
                    .setInputType(InputType.convolutional(height, width, channels))
                    .build();
        }
    },
    /**
     * Our own: batch norm and more depth, but pooled early so that most convolutions run at 14x14 and 7x7
     * (accuracy per FLOP on a CPU). Trained with augmentation and a cosine learning-rate schedule.
     */
    FASHION_CNN("fashion-cnn") {
        @Override
        public MultiLayerConfiguration configuration(int height, int width, int channels, int numClasses, double learningRate, long seed) {
            NeuralNetConfiguration.ListBuilder b = base(learningRate, seed).convolutionMode(ConvolutionMode.Same).list();
            // No batch norm on the 28x28 layer: its backward pass there cost a fifth of the training time
            // (profiled: 200 -> 245 img/s without it); the 192 channels at 7x7 are nearly free by comparison.
            b.layer(DnnlConvolutionLayer.of(3, 32, new DnnlRelu(), true));
            b.layer(DnnlMaxPool.of(2));
            convBnRelu(b, 64);
            convBnRelu(b, 64);
            b.layer(DnnlMaxPool.of(2));
            convBnRelu(b, 192);
            b.layer(DnnlMaxPool.of(2));
            return b.layer(DnnlDense.of(256, Activation.IDENTITY.getActivationFunction()))
                    .layer(new BatchNormRelu())
                    .layer(DnnlOutput.softmax(numClasses, 0.6))
                    .setInputType(InputType.convolutional(height, width, channels))
                    .build();
        }
    };

    private final String id;

    Architecture(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public abstract MultiLayerConfiguration configuration(int height, int width, int channels, int numClasses, double learningRate, long seed);

    public static Architecture byName(String name) {
        for (Architecture a : values()) {
            if (a.id.equals(name)) {
                return a;
            }
        }
        throw new UserException("Unknown architecture '" + name + "'; choose one of: "
                + Arrays.stream(values()).map(Architecture::id).collect(Collectors.joining(", ")) + ".");
    }

    private static NeuralNetConfiguration.Builder base(double learningRate, long seed) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .weightInit(WeightInit.RELU)
                .updater(new Adam(learningRate, 0.9, 0.999, 1e-7));
    }

    private static void convBnRelu(NeuralNetConfiguration.ListBuilder b, int channels) {
        b.layer(DnnlConvolutionLayer.of(3, channels, Activation.IDENTITY.getActivationFunction(), false));
        b.layer(new BatchNormRelu());
    }
}
