/**
 * Training: the loop with early stopping and resumable checkpoints ({@link org.vestis.train.Trainer}), transfer
 * learning on photos, warm starts, batch-norm calibration, metrics, evaluation, and report.md with its charts. Uses
 * data, model, model.zoo, nn, photo, config and io; used by cli; ablation and the shop's retraining run {@code vestis train} as a child process instead.
 */
package org.vestis.train;
