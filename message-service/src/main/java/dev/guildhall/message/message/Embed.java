package dev.guildhall.message.message;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * A rich embed in Discord's shape (title, description, url, color, fields, footer, author, image,
 * thumbnail, timestamp), as requests give it and the message object returns it; absent parts are
 * left out of the JSON. {@link EmbedRules} checks Discord's limits. {@code type} is always
 * {@code rich} once stored.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Embed(String type, String title, String description, String url, String timestamp, Integer color,
                    List<Field> fields, Footer footer, Author author, Image image, Image thumbnail) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Field(String name, String value, Boolean inline) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Footer(String text, String iconUrl) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Author(String name, String url, String iconUrl) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Image(String url) {
    }
}
