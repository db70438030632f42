package io.sluice.gateway.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.gateway.wire.PgException;
import io.sluice.gateway.wire.SqlState;

/** {@code json_build_object}: alternating keys and values as a JSON object text. */
final class JsonObjects {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonObjects() {}

    static String build(Object... keysAndValues) {
        ObjectNode object = JSON.createObjectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i] == null) {
                throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "null value not allowed for object key");
            }
            object.set(keysAndValues[i].toString(), JSON.valueToTree(keysAndValues[i + 1]));
        }
        try {
            return JSON.writeValueAsString(object);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("json_build_object could not render its object", e);
        }
    }
}
