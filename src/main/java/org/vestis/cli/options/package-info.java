/**
 * Picocli option mixins that several commands share: the pipeline flags of analyze and live
 * ({@link org.vestis.cli.options.PipelineOptions}), the train section's flags
 * ({@link org.vestis.cli.options.TrainingOptions}) and Fashion-MNIST's {@code --data-dir}. Each flag overrides its key
 * in the config file; the mixins use config (and model.zoo for the weights cache) and nothing of the other front ends.
 */
package org.vestis.cli.options;
