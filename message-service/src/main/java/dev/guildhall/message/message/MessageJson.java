package dev.guildhall.message.message;

import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

/** Embeds and components to and from their JSON columns, in the API's own shape (the service's mapper). */
@Component
public class MessageJson {

    private static final TypeReference<List<Embed>> EMBEDS = new TypeReference<>() {
    };

    private final JsonMapper json;

    public MessageJson(JsonMapper json) {
        this.json = json;
    }

    public String embeds(List<Embed> embeds) {
        return embeds.isEmpty() ? null : json.writeValueAsString(embeds);
    }

    public String components(JsonNode components) {
        return components == null ? null : json.writeValueAsString(components);
    }

    public List<Embed> embeds(String column) {
        return column == null ? List.of() : json.readValue(column, EMBEDS);
    }

    public JsonNode components(String column) {
        return column == null ? json.createArrayNode() : json.readTree(column);
    }
}
