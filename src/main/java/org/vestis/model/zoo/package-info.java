/**
 * The networks Vestis builds, by name ({@link org.vestis.model.zoo.Backbone}): the compact Fashion-MNIST CNNs,
 * MobileNet v1/v2 built from DL4J layers, and the DL4J zoo's ResNet50 and VGG16 with their ImageNet weights and
 * layer-by-layer weight copying. Uses our layers in nn.dnnl, model (ModelInfo) and io (downloads).
 */
package org.vestis.model.zoo;
