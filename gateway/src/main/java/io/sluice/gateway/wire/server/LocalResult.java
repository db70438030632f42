package io.sluice.gateway.wire.server;

import io.sluice.gateway.wire.Column;
import io.sluice.gateway.wire.message.BackendMessage;
import java.util.List;

/** What a {@link SessionCommand} produced: optional rows, the command tag, notices and parameter reports. */
record LocalResult(List<Column> columns, List<Object[]> rows, String tag, List<BackendMessage> messages) {
    LocalResult {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
        messages = List.copyOf(messages);
    }

    static LocalResult tag(String tag, List<BackendMessage> messages) {
        return new LocalResult(List.of(), List.of(), tag, messages);
    }
}
