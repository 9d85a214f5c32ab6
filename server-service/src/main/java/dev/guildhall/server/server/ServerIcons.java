package dev.guildhall.server.server;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.permission.Permission;
import dev.guildhall.server.access.ServerAccess;
import dev.guildhall.support.media.ImageUploadsClient;
import org.springframework.stereotype.Component;

/**
 * {@code icon_upload_id} of {@code PATCH /servers/{id}} (ADR 195): after the MANAGE_SERVER check,
 * message-service claims the caller's icon upload (through the shared {@link ImageUploadsClient}) and its
 * 256 px crop becomes the server's {@code icon_url}; a replaced icon's crops are released after the change
 * committed (ADR 234).
 */
@Component
class ServerIcons {

    private final ServerAccess access;
    private final ImageUploadsClient images;

    ServerIcons(ServerAccess access, ImageUploadsClient images) {
        this.access = access;
        this.images = images;
    }

    /** @return the icon's URL; 403 without MANAGE_SERVER (checked first), 400 for an upload that is not a usable icon */
    String claim(long callerId, long serverId, String uploadId) {
        access.read(serverId, callerId, ErrorCode.UNKNOWN_SERVER).actor().require(Permission.MANAGE_SERVER);
        return images.claim(callerId, uploadId, "icon");
    }

    /** The icon {@code url} was replaced or removed, and that committed. */
    void replaced(String url) {
        images.release(url, "icon");
    }
}
