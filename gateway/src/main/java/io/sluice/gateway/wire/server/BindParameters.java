package io.sluice.gateway.wire.server;

import io.sluice.gateway.wire.PgException;
import io.sluice.gateway.wire.message.FrontendMessage.Bind;
import io.sluice.gateway.wire.types.PgType;
import io.sluice.gateway.wire.types.PgTypes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Turns the parameter values of a Bind message into Java objects of the statement's parameter types. */
final class BindParameters {
    private BindParameters() {}

    /**
     * Text (format 0) or binary (format 1) values, one format for all or one per parameter;
     * a parameter of unknown type sent in binary is handed over as {@code byte[]}.
     */
    static List<Object> decode(Statement statement, Bind b) {
        List<byte[]> values = b.parameterValues();
        List<PgType> types = statement.parameterTypes();
        if (values.size() != types.size()) {
            throw PgException.protocolViolation("bind message supplies " + values.size() + " parameters, but prepared statement \""
                    + b.statementName() + "\" requires " + types.size());
        }
        List<Short> formats = b.parameterFormats();
        if (formats.size() > 1 && formats.size() != values.size()) {
            throw PgException.protocolViolation("bind message has " + formats.size() + " parameter formats but "
                    + values.size() + " parameters");
        }
        List<Object> out = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            byte[] value = values.get(i);
            int format = formats.isEmpty() ? 0 : formats.size() == 1 ? formats.getFirst() : formats.get(i);
            if (format != 0 && format != 1) {
                throw PgException.protocolViolation("unsupported format code: " + format);
            }
            if (value == null) {
                out.add(null);
                continue;
            }
            PgType type = types.get(i);
            if (type == PgTypes.UNKNOWN && format == 1) {
                out.add(value.clone());
            } else {
                out.add(type.decode(value, format));
            }
        }
        return Collections.unmodifiableList(out);
    }
}
