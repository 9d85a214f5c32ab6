package dev.guildhall.server.config;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A PATCH field that may be cleared: absent in the JSON → the record component is {@code null}
 * (leave unchanged); {@code null} in the JSON → a {@code Patch} whose {@link #value()} is null
 * (clear); a scalar → a {@code Patch} with that value as a string.
 */
@JsonDeserialize(using = Patch.Deserializer.class)
public record Patch(String value) {

    private static final Patch CLEAR = new Patch(null);

    public boolean clears() {
        return value == null;
    }

    public static final class Deserializer extends ValueDeserializer<Patch> {

        @Override
        public Patch deserialize(JsonParser parser, DeserializationContext context) {
            if (!parser.currentToken().isScalarValue()) {
                return (Patch) context.handleUnexpectedToken(Patch.class, parser);
            }
            return new Patch(parser.getValueAsString());
        }

        @Override
        public Patch getNullValue(DeserializationContext context) {
            return CLEAR;
        }

        @Override
        public Object getAbsentValue(DeserializationContext context) {
            return null;
        }
    }
}
