/**
 * Training: one epoch loop ({@link org.vestis.train.EpochLoop}) with early stopping and resumable checkpoints for
 * Fashion-MNIST ({@link org.vestis.train.Trainer}) and transfer learning on photos, warm starts, batch-norm calibration, metrics, evaluation, and report.md with its charts. Uses
 * data, model, model.zoo, nn, photo, config and io; used by cli; ablation and the shop's retraining run {@code vestis train} as a child process instead.
 */
package org.vestis.train;
