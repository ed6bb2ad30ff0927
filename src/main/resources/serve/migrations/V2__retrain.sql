-- Retraining from reviewed items (vestis serve): what a retrained bundle scored against the bundle it was trained
-- from, on reviewed items held out of its training. JSON written by BundleComparison; null for the bundle the shop
-- started with.
ALTER TABLE bundles ADD COLUMN comparison VARCHAR(8000);
