/**
 * {@code vestis serve}, the shop: sellers upload photos, the model tags them, managers review, buyers browse the
 * verified catalogue, and reviewed items retrain the model. This package opens the services the routes share
 * ({@link org.vestis.serve.ShopServices}) and keeps which bundle tags uploads ({@link org.vestis.serve.ServingBundles});
 * the subpackages hold one concern each. A front end: it uses the core, never cli, ui or the other front ends.
 */
package org.vestis.serve;
