package dev.guildhall.message.attachment;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;

/** A deleted attachment leaves nothing in the store: its file and the thumbnail the media worker made. */
class AttachmentDeletionTest {

    private final ObjectStore store = mock(ObjectStore.class);
    private final AttachmentDeletion deletion = new AttachmentDeletion(store);

    @Test
    void deletesTheFileAndItsThumbnail() {
        AttachmentRow row = row(new AttachmentRow.Media("DONE", "attachments/1/9/thumbnail.webp", 400, 300, "LEHV6nWB", null));
        assertThat(deletion.deleteObjects(row)).isEqualTo(2);
        verify(store).delete("attachments/1/2/photo.jpg");
        verify(store).delete("attachments/1/9/thumbnail.webp");
        verifyNoMoreInteractions(store);
    }

    @Test
    void aFileWithoutThumbnailIsOneObject() {
        assertThat(deletion.deleteObjects(row(AttachmentRow.Media.NONE))).isEqualTo(1);
        verify(store).delete("attachments/1/2/photo.jpg");
        verifyNoMoreInteractions(store);
    }

    private static AttachmentRow row(AttachmentRow.Media media) {
        return new AttachmentRow(1, 2, 3, 4L, "attachments/1/2/photo.jpg", "photo.jpg", null, 10, "image/jpeg",
                10L, "image/jpeg", 800, 600, false, 0, Instant.EPOCH, null, media);
    }
}
