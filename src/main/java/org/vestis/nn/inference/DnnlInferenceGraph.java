package org.vestis.nn.inference;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vestis.nn.dnnl.DnnlInferencePlan;
import org.vestis.nn.dnnl.DnnlPlanMemory;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The graph of a {@link ChannelsLast} inference copy. Its inference calls with one image batch run through a
 * {@link DnnlInferencePlan} made for that input shape (kept for the last {@value #PLANS} shapes); training, other
 * calls and a network the plan cannot handle run DL4J's forward pass as before. A plan dropped from the cache is
 * left to the garbage collector, so a call that already holds it still runs. Never train or save this copy: a plan
 * keeps the weights it was made with.
 */
public class DnnlInferenceGraph extends ComputationGraph {
    private static final Logger LOG = LoggerFactory.getLogger(DnnlInferenceGraph.class);
    static final int PLANS = 8;

    private final Map<List<Long>, DnnlInferencePlan> plans = new LinkedHashMap<>(PLANS * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<Long>, DnnlInferencePlan> eldest) {
            return size() > PLANS;
        }
    };
    private final DnnlPlanMemory shared = new DnnlPlanMemory();
    private volatile boolean planless = !DnnlInferencePlan.available();

    public DnnlInferenceGraph(ComputationGraphConfiguration configuration) {
        super(configuration);
    }

    @Override
    public INDArray outputSingle(boolean train, INDArray... input) {
        DnnlInferencePlan plan = train ? null : plan(input);
        return plan != null ? run(plan, input[0]) : super.outputSingle(train, input);
    }

    @Override
    public INDArray[] output(boolean train, INDArray... input) {
        DnnlInferencePlan plan = train ? null : plan(input);
        return plan != null ? new INDArray[]{run(plan, input[0])} : super.output(train, input);
    }

    /** Whether inference calls run through oneDNN plans (false once a plan could not be made for this network). */
    public boolean planned() {
        return !planless;
    }

    /** The plans share their memory, so they run one at a time (DL4J's own output methods are synchronized too). */
    private INDArray run(DnnlInferencePlan plan, INDArray features) {
        synchronized (shared) {
            return plan.output(features, shared);
        }
    }

    private DnnlInferencePlan plan(INDArray[] input) {
        if (planless || input.length != 1 || input[0].rank() != 4) {
            return null;
        }
        List<Long> shape = Arrays.stream(input[0].shape()).boxed().toList();
        synchronized (shared) {
            DnnlInferencePlan plan = plans.get(shape);
            if (plan == null) {
                try {
                    plan = DnnlInferencePlan.of(this, input[0].shape(), shared);
                } catch (DnnlInferencePlan.Unsupported e) {
                    LOG.debug("DL4J runs this network's inference: {}", e.getMessage());
                    planless = true;
                    return null;
                } catch (RuntimeException e) {
                    LOG.warn("DL4J runs this network's inference (no oneDNN plan: {})", e.toString());
                    planless = true;
                    return null;
                }
                plans.put(shape, plan);
            }
            return plan;
        }
    }
}
