package org.vestis.model;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * model.json: everything needed to use a bundle without reading code (labels, input shape, preprocessing)
 * and its full provenance (backbone, data, initialisation, training settings and time, measured metrics,
 * library versions and the command that made it).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelInfo(
        String format,
        String name,
        List<String> labels,
        Input input,
        Preprocessing preprocessing,
        String backbone,
        String dataset,
        Initialisation initialisation,
        Map<String, Object> training,
        Map<String, Object> metrics,
        Map<String, String> versions,
        String command,
        String created) {

    public static final String FORMAT = "vestis-model/1";

    public record Input(int height, int width, int channels) {
    }

    /**
     * How an image becomes the model's input. grayscale false means RGB channels in that order (NCHW).
     * normalisation scale-0-1: pixel values divided by 255; minus-1-1: p / 127.5 - 1 (the MobileNets');
     * imagenet-caffe-bgr: channels in BGR order, 0-255 minus the ImageNet mean per channel (B 103.939,
     * G 116.779, R 123.68), the Keras/Caffe preprocessing the DL4J zoo's ImageNet ResNet50 and VGG16 were
     * trained with (DL4J's VGG16ImagePreProcessor subtracts these means; its NativeImageLoader gives BGR).
     * resizeMode fit: the longest side scaled to the input size, aspect ratio kept, the rest filled with
     * background; stretch: the whole photo scaled to the input size (as TensorFlow Lite's examples do).
     * darkBackground: photos with a light background are inverted, as Fashion-MNIST has dark backgrounds.
     * cropToContent: the photo is first cropped to the pixels that differ from its background, because
     * Fashion-MNIST items fill their frame.
     * flipAverage: the output is the average over the image and its mirror image (for networks trained with
     * horizontal flips; absent in older bundles, which means false). shiftAverage N: the average also takes in the
     * image moved N pixels up, down, left and right (for networks trained with random shifts; 0 or absent: none).
     * See {@link ViewAverage}.
     */
    public record Preprocessing(boolean grayscale, String normalisation, String resizeMode, boolean darkBackground, boolean cropToContent,
                                boolean flipAverage, int shiftAverage) {
        public Preprocessing(boolean grayscale, String normalisation, String resizeMode, boolean darkBackground, boolean cropToContent) {
            this(grayscale, normalisation, resizeMode, darkBackground, cropToContent, false, 0);
        }

        public static final String SCALE_0_1 = "scale-0-1";
        public static final String MINUS_ONE_TO_ONE = "minus-1-1";
        public static final String IMAGENET_CAFFE_BGR = "imagenet-caffe-bgr";
        /** ImageNet mean pixel, in R, G, B order. */
        public static final float[] IMAGENET_MEAN_RGB = {123.68f, 116.779f, 103.939f};
        public static final Preprocessing FASHION_MNIST = new Preprocessing(true, SCALE_0_1, "fit", true, true);

        public Preprocessing withFlipAverage(boolean on) {
            return new Preprocessing(grayscale, normalisation, resizeMode, darkBackground, cropToContent, on, shiftAverage);
        }

        public Preprocessing withShiftAverage(int pixels) {
            return new Preprocessing(grayscale, normalisation, resizeMode, darkBackground, cropToContent, flipAverage, pixels);
        }
    }

    /** kind "random" (with its seed) or "pretrained" (with the source the weights came from). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Initialisation(String kind, long seed, String source) {
        public Initialisation(String kind, long seed) {
            this(kind, seed, null);
        }
    }
}
