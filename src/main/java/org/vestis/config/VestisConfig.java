package org.vestis.config;

/** A run config file (configs/*.yaml): one section per part of the tool. */
public class VestisConfig {
    public TrainConfig train = new TrainConfig();
    public PipelineConfig pipeline = new PipelineConfig();
}
