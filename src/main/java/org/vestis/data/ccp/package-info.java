/**
 * The CCP (Clothing Co-Parsing) street photos as garment data: their label maps mapped to the five garment slots,
 * garment and body-region crops cut from them as image-folder datasets, photo-wise splits, and the truth and metrics
 * that garments-eval scores the pipeline against. Body-region crops run the person detector and body regions of
 * video/detect and video/garment, so the crops match what the pipeline classifies.
 */
package org.vestis.data.ccp;
