-- A replaced or removed avatar or icon (issue 11, ADR 234): its crops are deleted from the store after the change
-- that replaced it committed, and the upload is marked so that it cannot be claimed (and shown) again.
ALTER TABLE image_uploads ADD COLUMN released_at DATETIME(3) NULL AFTER crops_id;
