/**
 * The YAML configs (configs/*.yaml): {@link org.vestis.config.VestisConfig} with its train and pipeline sections,
 * strict loading ({@link org.vestis.config.ConfigLoader}: an unknown key or a wrong type names the key and the file)
 * and the one-sentence validation errors. Builds the settings records of the video stages (detector, tracker,
 * pipeline), so it uses those packages; the video packages never use it (analysis takes the PipelineSpec it makes).
 */
package org.vestis.config;
