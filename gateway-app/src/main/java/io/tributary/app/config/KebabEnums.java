package io.tributary.app.config;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;

/** Reads every enum from kebab-case text, so {@code drop-oldest} selects {@code DROP_OLDEST}. */
final class KebabEnums {

    private KebabEnums() {
    }

    static SimpleModule module() {
        SimpleModule module = new SimpleModule("kebab-enums");
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                                                              BeanDescription description,
                                                              JsonDeserializer<?> deserializer) {
                return new KebabEnumDeserializer(type.getRawClass());
            }
        });
        return module;
    }

    static String names(Class<?> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(constant -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .collect(Collectors.joining(", "));
    }

    private static final class KebabEnumDeserializer extends JsonDeserializer<Object> {
        private final Class<?> type;

        KebabEnumDeserializer(Class<?> type) {
            this.type = type;
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = parser.getValueAsString();
            if (text != null) {
                String wanted = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
                for (Object constant : type.getEnumConstants()) {
                    if (((Enum<?>) constant).name().equals(wanted)) {
                        return constant;
                    }
                }
            }
            throw InvalidFormatException.from(parser, "not one of " + names(type), parser.getText(), type);
        }
    }
}
