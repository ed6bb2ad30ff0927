/**
 * Training-time layers and kernels through oneDNN 3 (convolution, batch norm with ReLU, dense and output layers,
 * max pooling), the channel-last array layout they share, and the thread settings of OpenMP and OpenBLAS
 * ({@link org.vestis.nn.dnnl.CallingThreadOmp}, {@link org.vestis.nn.dnnl.OpenBlasThreads}). Each class says what
 * it measured faster than DL4J's own path. Uses nn and nn.inference only.
 */
package org.vestis.nn.dnnl;
