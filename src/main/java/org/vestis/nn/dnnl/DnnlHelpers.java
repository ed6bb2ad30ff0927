package org.vestis.nn.dnnl;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNSubsamplingHelper;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vestis.nn.inference.ChannelsLastConvolution;

import java.lang.reflect.Field;
import java.util.function.IntPredicate;

/**
 * Engages DL4J's oneDNN helpers, which 1.0.0-M2.1 never uses on its own: its check for oneDNN looks up a
 * class name that does not exist in that release, so every helper is dropped as "not supported". With the
 * onednn natives on the classpath we attach the helpers to the layers ourselves (4-5x faster convolutions;
 * see ../shared/PERFORMANCE-NOTES.md). Must be called again after every init, clone or restore, because
 * DL4J does not serialise or copy helpers.
 *
 * Only plain convolution, max/avg pooling and batch norm get helpers: depthwise, separable and
 * deconvolution layers subclass ConvolutionLayer but compute differently. Where the oneDNN 3 presets load,
 * NCHW convolutions and training batch norm call oneDNN 3 directly ({@link DnnlConvolution}, {@link DnnlBatchNorm});
 * otherwise convolutions use DL4J's helper and batch norm ours ({@link JavaBatchNorm}: fashion-cnn trained 13-26%
 * faster with it than with libnd4j's oneDNN batch norm). NCHW only for training: with these natives DL4J's
 * convolution helper's NHWC backward pass is wrong (the helper test checks gradients).
 *
 * Attaching also switches on DL4J's cache of each layer's forward output: without it a convolution with a
 * helper computes its forward pass a second time in backprop (JFR samples in the convolution forward pass
 * during seed-cnn training: 217 of 588 without the cache, 89 with it; training img/s, alternating runs on
 * 2 cores: 383 and 349 without, 404 and 361 with).
 */
public final class DnnlHelpers {
    private static final Logger LOG = LoggerFactory.getLogger(DnnlHelpers.class);
    /** -Dvestis.onednn=false turns the helpers off (for comparisons and as an escape hatch). */
    public static final String PROPERTY = "vestis.onednn";
    private static final Boolean AVAILABLE = detect();
    /** -Dvestis.dnnl=false keeps convolutions on nd4j-native's own oneDNN and batch norm in JavaBatchNorm (for comparisons). */
    public static final String DNNL_PROPERTY = "vestis.dnnl";
    private static final boolean DNNL_AVAILABLE = AVAILABLE && detectDnnl();

    private DnnlHelpers() {
    }

    /** True when the loaded ND4J natives were built with oneDNN and the user has not turned it off. */
    public static boolean enabled() {
        return AVAILABLE && Boolean.parseBoolean(System.getProperty(PROPERTY, "true"));
    }

    /** Attaches helpers to every eligible layer; returns how many were attached. */
    public static int attach(MultiLayerNetwork net) {
        if (!enabled()) {
            return 0;
        }
        net.getLayerWiseConfigurations().setCacheMode(CacheMode.DEVICE);
        net.setCacheMode(CacheMode.DEVICE);
        return attachAll(net.getLayers(), net.params().dataType(), firstLayerNeedsNoInputGradient(net), i -> channelsLastChain(net, i));
    }

    public static int attach(ComputationGraph graph) {
        if (!enabled()) {
            return 0;
        }
        graph.getConfiguration().setCacheMode(CacheMode.DEVICE);
        graph.setCacheMode(CacheMode.DEVICE);
        return attachAll(graph.getLayers(), graph.params().dataType(), false, i -> false);
    }

    /** The same for either kind of network (a MultiLayerNetwork or a ComputationGraph). */
    public static int attach(Model model) {
        return model instanceof ComputationGraph graph ? attach(graph) : attach((MultiLayerNetwork) model);
    }

    private static int attachAll(Layer[] layers, DataType type, boolean firstNeedsNoInputGradient, IntPredicate channelsLastOutput) {
        OpenBlasThreads.warnIfSpinning();
        int attached = 0;
        for (int i = 0; i < layers.length; i++) {
            Layer layer = layers[i];
            Class<?> c = layer.getClass();
            if (c == ConvolutionLayer.class || c == DnnlConvolutionLayer.Layer.class || c == ChannelsLastConvolution.Layer.class) {
                setHelper(layer, ConvolutionLayer.class, useDnnl()
                        ? new DnnlConvolution(type, i == 0 && firstNeedsNoInputGradient, channelsLastOutput.test(i))
                        : new MKLDNNConvHelper(type));
                attached++;
            } else if (c == SubsamplingLayer.class || c == DnnlMaxPool.Layer.class) {
                setHelper(layer, SubsamplingLayer.class, new MKLDNNSubsamplingHelper(type));
                attached++;
            } else if (c == BatchNormalization.class || c == BatchNormRelu.Layer.class) {
                setHelper(layer, BatchNormalization.class, useDnnl() ? new DnnlBatchNorm(c == BatchNormRelu.Layer.class) : new JavaBatchNorm());
                attached++;
            }
        }
        return attached;
    }

    private static void setHelper(Layer layer, Class<?> owner, Object helper) {
        try {
            Field f = owner.getDeclaredField("helper");
            f.setAccessible(true);
            f.set(layer, helper);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("DL4J's layer " + owner.getName() + " has no 'helper' field; is this DL4J 1.0.0-M2.1?", e);
        }
    }

    /** True when our oneDNN 3 code runs: the helpers are on, the presets loaded and -Dvestis.dnnl is not false. */
    static boolean useDnnl() {
        return enabled() && DNNL_AVAILABLE && Boolean.parseBoolean(System.getProperty(DNNL_PROPERTY, "true"));
    }

    /**
     * Whether layer i (a convolution) may store its output channel-last ({@link NhwcArrays}): every layer that reads
     * it or a result made from it, up to the next convolution or a flattening preprocessor (which copies to
     * row-major), is one of ours that keeps the layout in oneDNN. Anything else gets row-major arrays as before.
     */
    private static boolean channelsLastChain(MultiLayerNetwork net, int i) {
        Layer[] layers = net.getLayers();
        for (int j = i + 1; j < layers.length; j++) {
            InputPreProcessor pre = net.getLayerWiseConfigurations().getInputPreProcess(j);
            if (pre != null) {
                return pre instanceof CnnToFeedForwardPreProcessor;
            }
            Class<?> c = layers[j].getClass();
            if (c == ConvolutionLayer.class || c == DnnlConvolutionLayer.Layer.class) {
                return true;
            }
            if (c != BatchNormRelu.Layer.class && c != BatchNormalization.class && c != DnnlMaxPool.Layer.class) {
                return false;
            }
        }
        return false;
    }

    /**
     * In training, MultiLayerNetwork drops the first layer's input gradient unless asked for it (we never ask);
     * an input preprocessor or dropout on that layer would still use it.
     */
    private static boolean firstLayerNeedsNoInputGradient(MultiLayerNetwork net) {
        return net.getLayerWiseConfigurations().getInputPreProcess(0) == null
                && net.getLayer(0).conf().getLayer().getIDropout() == null;
    }

    private static boolean detectDnnl() {
        try {
            DnnlConvolutionPlan.ready();
            return true;
        } catch (LinkageError | RuntimeException e) {
            LOG.warn("oneDNN 3 (org.bytedeco:dnnl) did not load, so training convolutions and batch norm run slower, "
                    + "in nd4j-native's oneDNN and in Java: {}", e.toString());
            return false;
        }
    }

    private static Boolean detect() {
        try {
            Class<?> env = Class.forName("org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment");
            Object instance = env.getMethod("getInstance").invoke(null);
            return (Boolean) env.getMethod("isUseONEDNN").invoke(instance);
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.debug("oneDNN not available: {}", e.toString());
            return false;
        }
    }
}
