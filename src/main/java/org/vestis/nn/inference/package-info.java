/**
 * The inference copy of a trained network: batch norm folded into the layer before it, channels-last
 * convolutions and depthwise convolutions, and dense and output layers through libnd4j's matmul on oneDNN. Built by
 * ModelBundle at load; uses nn and nn.dnnl only.
 */
package org.vestis.nn.inference;
