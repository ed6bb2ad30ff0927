/**
 * Importers of models from other frameworks into Vestis bundles: {@code interop.tflite} (TensorFlow Lite MobileNets)
 * and {@code interop.keras} (Keras 2 .h5 files). No classes of its own.
 */
package org.vestis.interop;
