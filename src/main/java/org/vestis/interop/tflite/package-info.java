/**
 * TensorFlow Lite MobileNet v1/v2 weights into Vestis' own DL4J MobileNets: a minimal FlatBuffer reader
 * ({@link org.vestis.interop.tflite.FlatTable}, no generated code), the model's tensors and operators, explicit
 * padding folded into convolutions, and the importer that writes a bundle. Uses model, model.zoo and io.
 */
package org.vestis.interop.tflite;
