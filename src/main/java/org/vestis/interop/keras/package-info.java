/**
 * {@link org.vestis.interop.keras.KerasImporter}: a Keras 2.x {@code model.h5} through DL4J's Keras import into
 * a model bundle, with the input shape and preprocessing that model.json needs. Uses model, io, data (Fashion-MNIST's
 * labels, for a model of its shape) and interop.tflite.
 */
package org.vestis.interop.keras;
