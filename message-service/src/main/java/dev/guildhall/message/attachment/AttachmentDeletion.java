package dev.guildhall.message.attachment;

import org.springframework.stereotype.Component;

/**
 * The hook content deletion calls for each attachment it removes (ADR 198): deletes every object
 * the attachment has in the store. Objects made from the file later (a thumbnail, say) are deleted
 * here too, so deletion never needs to know them. Deleting an object that is gone already is fine.
 */
@Component
public class AttachmentDeletion {

    private final ObjectStore store;

    public AttachmentDeletion(ObjectStore store) {
        this.store = store;
    }

    /** @return how many objects were deleted */
    public int deleteObjects(AttachmentRow row) {
        store.delete(row.objectKey());
        String thumbnail = row.media() == null ? null : row.media().thumbnailKey();
        if (thumbnail != null) {
            // the media worker's thumbnail (ADR 193) is an object of its own
            store.delete(thumbnail);
            return 2;
        }
        return 1;
    }
}
