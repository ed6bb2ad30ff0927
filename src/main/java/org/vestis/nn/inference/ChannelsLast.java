package org.vestis.nn.inference;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vestis.nn.dnnl.DnnlConvolutionLayer;
import org.vestis.nn.dnnl.DnnlDense;
import org.vestis.nn.dnnl.DnnlHelpers;
import org.vestis.nn.dnnl.DnnlMaxPool;
import org.vestis.nn.dnnl.DnnlOutput;

import java.util.Map;
import java.util.Set;

/**
 * An inference copy of a network that computes in the channels-last layout ([batch, height, width, channels]),
 * where DL4J's oneDNN convolutions and its stock pooling and depthwise convolutions run faster than in
 * channels-first (MobileNetV2 at batch 8: about 1.5 times). Inputs stay channels-first: the copy's first step
 * permutes them. Only for the layer kinds our own networks use, after {@link BatchNormFolding} has removed the
 * batch norms (whose oneDNN helper fails in this layout); any other network is returned unchanged. Its
 * convolution, depthwise, dense and output layers are our subclasses of DL4J's with a faster forward pass. Inference
 * only: DL4J's oneDNN convolution gradients are wrong in this layout.
 */
public final class ChannelsLast {
    private static final Set<Class<?>> SUPPORTED = Set.of(ConvolutionLayer.class, DnnlConvolutionLayer.class, DepthwiseConvolution2D.class,
            SubsamplingLayer.class, DnnlMaxPool.class, ActivationLayer.class, DenseLayer.class, DnnlDense.class, OutputLayer.class,
            DnnlOutput.class, GlobalPoolingLayer.class, DropoutLayer.class);

    /**
     * Layer configurations and what the copy uses instead: our subclasses of DL4J's with the same parameters and a
     * faster forward pass, and DL4J's own for our training-only layers.
     */
    private static final Map<Class<?>, Class<?>> FASTER_LAYERS = Map.of(ConvolutionLayer.class, ChannelsLastConvolution.class,
            DnnlConvolutionLayer.class, ChannelsLastConvolution.class,
            DepthwiseConvolution2D.class, ChannelsLastDepthwise.class, DenseLayer.class, InferenceDense.class,
            DnnlDense.class, InferenceDense.class, OutputLayer.class, InferenceOutput.class, DnnlOutput.class, InferenceOutput.class,
            DnnlMaxPool.class, SubsamplingLayer.class);

    private ChannelsLast() {
    }

    /** The channels-last copy of {@code graph}, or {@code graph} itself when it has a layer this does not handle. */
    public static ComputationGraph convert(ComputationGraph graph) {
        ComputationGraphConfiguration source = graph.getConfiguration();
        if (!convertible(source)) {
            return graph;
        }
        String json = source.toJson()
                .replace("\"cnn2dDataFormat\" : \"NCHW\"", "\"cnn2dDataFormat\" : \"NHWC\"")
                .replace("\"format\" : \"NCHW\"", "\"format\" : \"NHWC\"") // the flatten before a dense layer
                .replace("\"poolingDimensions\" : [ 2, 3 ]", "\"poolingDimensions\" : [ 1, 2 ]");
        for (Map.Entry<Class<?>, Class<?>> swap : FASTER_LAYERS.entrySet()) {
            json = json.replace(classProperty(swap.getKey()), classProperty(swap.getValue()));
        }
        ComputationGraphConfiguration conf = ComputationGraphConfiguration.fromJson(json);
        for (String input : conf.getNetworkInputs()) {
            for (String consumer : BatchNormFolding.consumers(conf, input)) {
                ((LayerVertex) conf.getVertices().get(consumer)).setPreProcessor(new NchwToNhwc());
            }
        }
        ComputationGraph converted = new DnnlInferenceGraph(conf);
        converted.init();
        for (Layer target : converted.getLayers()) {
            String name = target.conf().getLayer().getLayerName();
            InputPreProcessor flatten = ((LayerVertex) source.getVertices().get(name)).getPreProcessor();
            for (Map.Entry<String, INDArray> p : graph.getLayer(name).paramTable().entrySet()) {
                boolean reorder = flatten instanceof CnnToFeedForwardPreProcessor && p.getKey().equals("W");
                target.setParam(p.getKey(), reorder ? rowsInChannelsLastOrder(p.getValue(), (CnnToFeedForwardPreProcessor) flatten) : p.getValue());
            }
        }
        DnnlHelpers.attach(converted);
        return converted;
    }

    /** Only layer kinds whose layout we handle, and network inputs read by layers without a preprocessor. */
    private static boolean convertible(ComputationGraphConfiguration conf) {
        for (Map.Entry<String, GraphVertex> e : conf.getVertices().entrySet()) {
            GraphVertex v = e.getValue();
            if (v instanceof ElementWiseVertex) {
                continue;
            }
            if (!(v instanceof LayerVertex lv) || !SUPPORTED.contains(lv.getLayerConf().getLayer().getClass())) {
                return false;
            }
            InputPreProcessor p = lv.getPreProcessor();
            if (p != null && !(p instanceof CnnToFeedForwardPreProcessor)) {
                return false;
            }
        }
        for (String input : conf.getNetworkInputs()) {
            for (String consumer : BatchNormFolding.consumers(conf, input)) {
                if (!(conf.getVertices().get(consumer) instanceof LayerVertex lv) || lv.getPreProcessor() != null) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String classProperty(Class<?> layerClass) {
        return "\"@class\" : \"" + layerClass.getName() + "\"";
    }

    /** Dense weights after a flatten: their rows follow (channel, y, x) in channels-first, (y, x, channel) here. */
    private static INDArray rowsInChannelsLastOrder(INDArray weights, CnnToFeedForwardPreProcessor flatten) {
        long c = flatten.getNumChannels();
        long h = flatten.getInputHeight();
        long w = flatten.getInputWidth();
        long out = weights.size(1);
        return weights.dup('c').reshape('c', c, h, w, out).permute(1, 2, 0, 3).dup('c').reshape('c', c * h * w, out);
    }
}
