/**
 * Our own DL4J layers and what they share ({@link org.vestis.nn.LayerWiring}): nn.dnnl holds the training layers
 * and kernels on oneDNN, nn.inference the layers of the inference copy. nn and its subpackages depend on DL4J, ND4J
 * and the bytedeco presets only, never on the rest of Vestis.
 */
package org.vestis.nn;
