package dev.guildhall.gateway.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The largest requests the gateway passes on.
 *
 * @param maxJson   any body that is not multipart ({@code GUILDHALL_MAX_JSON_SIZE})
 * @param maxUpload {@code multipart/*} bodies elsewhere ({@code GUILDHALL_MAX_UPLOAD_SIZE})
 * @param maxUri    the request target, path and query ({@link MalformedRequestFilter}; 414 past it)
 * @param maxAttachment the PUT of one file to {@code /attachments/…} ({@code GUILDHALL_MAX_ATTACHMENT_SIZE})
 * @param maxMessageUpload a multipart message send with its files ({@code GUILDHALL_MAX_MESSAGE_UPLOAD_SIZE})
 */
@ConfigurationProperties("guildhall.gateway.request-size")
public record RequestSizeProperties(@DefaultValue("1MB") DataSize maxJson, @DefaultValue("25MB") DataSize maxUpload,
                                    @DefaultValue("8KB") DataSize maxUri,
                                    @DefaultValue("25MB") DataSize maxAttachment,
                                    @DefaultValue("251MB") DataSize maxMessageUpload) {
}
