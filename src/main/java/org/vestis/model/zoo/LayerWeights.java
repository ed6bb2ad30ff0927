package org.vestis.model.zoo;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vestis.UserException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Copies a pretrained graph's weights into our graph of the same architecture, layer by layer in topological
 * order, the heads excepted. By order rather than by name because a zoo file may name its layers differently
 * from the zoo's configuration (Keras-imported files use Keras names). Every pair must agree on layer type,
 * parameter shapes, activation and convolution geometry, or the copy fails with one sentence: a file that
 * differs in architecture must not pass silently as "pretrained".
 */
public final class LayerWeights {
    /** Keras import's flatten of NHWC activations: dense weights then expect inputs in (h, w, c) order. */
    private static final String TF_FLATTEN = "TensorFlowCnnToFeedForwardPreProcessor";

    private LayerWeights() {
    }

    /** @param what names the source in error messages, e.g. "the zoo's resnet50 ImageNet file". */
    public static void copyBackbone(ComputationGraph source, String sourceHead, ComputationGraph target, String targetHead, String what) {
        List<String> from = parameterLayers(source, sourceHead);
        List<String> to = parameterLayers(target, targetHead);
        if (from.size() != to.size()) {
            throw new UserException(what + " has " + from.size() + " layers with weights below its head, the configuration "
                    + to.size() + "; it is not a model of this backbone (check the mirror serves the zoo's own file).");
        }
        for (int i = 0; i < from.size(); i++) {
            copyLayer(source, from.get(i), target, to.get(i), what);
        }
    }

    private static List<String> parameterLayers(ComputationGraph graph, String head) {
        List<String> names = new ArrayList<>();
        for (int index : graph.topologicalSortOrder()) {
            org.deeplearning4j.nn.graph.vertex.GraphVertex v = graph.getVertices()[index];
            if (v.hasLayer() && v.getLayer().numParams() > 0 && !v.getVertexName().equals(head)) {
                names.add(v.getVertexName());
            }
        }
        return names;
    }

    private static void copyLayer(ComputationGraph source, String from, ComputationGraph target, String to, String what) {
        Layer src = source.getLayer(from);
        Layer dst = target.getLayer(to);
        String problem = difference(src.conf().getLayer(), dst.conf().getLayer());
        Map<String, INDArray> srcParams = src.paramTable();
        Map<String, INDArray> dstParams = dst.paramTable();
        if (problem == null && !srcParams.keySet().equals(dstParams.keySet())) {
            problem = "parameters " + srcParams.keySet() + " versus " + dstParams.keySet();
        }
        if (problem == null) {
            for (String key : srcParams.keySet()) {
                if (!Arrays.equals(srcParams.get(key).shape(), dstParams.get(key).shape())) {
                    problem = key + " shape " + Arrays.toString(srcParams.get(key).shape()) + " versus " + Arrays.toString(dstParams.get(key).shape());
                    break;
                }
            }
        }
        if (problem != null) {
            throw new UserException("Layer '" + from + "' of " + what + " does not match layer '" + to + "' of the configuration ("
                    + problem + "); the file is not a model of this backbone.");
        }
        InputPreProcessor srcPre = preProcessor(source, from);
        boolean reorder = srcPre instanceof CnnToFeedForwardPreProcessor && srcPre.getClass().getSimpleName().equals(TF_FLATTEN)
                && !(preProcessor(target, to) != null && preProcessor(target, to).getClass().equals(srcPre.getClass()));
        for (Map.Entry<String, INDArray> p : srcParams.entrySet()) {
            INDArray value = reorder && p.getKey().equals("W") ? hwcToChw(p.getValue(), (CnnToFeedForwardPreProcessor) srcPre) : p.getValue();
            dst.setParam(p.getKey(), value);
        }
    }

    /** Null when the two layer configurations compute the same function of their weights; else what differs. */
    static String difference(org.deeplearning4j.nn.conf.layers.Layer a, org.deeplearning4j.nn.conf.layers.Layer b) {
        if (!a.getClass().equals(b.getClass())) {
            return a.getClass().getSimpleName() + " versus " + b.getClass().getSimpleName();
        }
        if (a instanceof BaseLayer x && b instanceof BaseLayer y && !Objects.equals(String.valueOf(x.getActivationFn()), String.valueOf(y.getActivationFn()))) {
            return "activation " + x.getActivationFn() + " versus " + y.getActivationFn();
        }
        if (a instanceof ConvolutionLayer x && b instanceof ConvolutionLayer y) {
            String gx = geometry(x);
            String gy = geometry(y);
            if (!gx.equals(gy)) {
                return gx + " versus " + gy;
            }
        }
        return null;
    }

    private static String geometry(ConvolutionLayer c) {
        return "kernel " + Arrays.toString(c.getKernelSize()) + " stride " + Arrays.toString(c.getStride()) + " padding "
                + Arrays.toString(c.getPadding()) + " dilation " + Arrays.toString(c.getDilation()) + " mode " + c.getConvolutionMode()
                + " bias " + c.hasBias();
    }

    private static InputPreProcessor preProcessor(ComputationGraph graph, String name) {
        GraphVertex v = graph.getConfiguration().getVertices().get(name);
        return v instanceof LayerVertex lv ? lv.getPreProcessor() : null;
    }

    /** Dense weights whose input rows are in (h, w, c) order, reordered to DL4J's (c, h, w) flatten. */
    static INDArray hwcToChw(INDArray w, CnnToFeedForwardPreProcessor pre) {
        long h = pre.getInputHeight();
        long wd = pre.getInputWidth();
        long c = pre.getNumChannels();
        long out = w.size(1);
        return w.dup('c').reshape('c', h, wd, c, out).permute(2, 0, 1, 3).dup('c').reshape('c', c * h * wd, out);
    }
}
