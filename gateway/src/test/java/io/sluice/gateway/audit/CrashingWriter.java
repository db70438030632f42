package io.sluice.gateway.audit;

import java.nio.file.Path;
import java.util.List;

/**
 * The child process of {@link AuditCrashTest}: eight threads append records in a loop and print
 * {@code ack <query_id>} for each record once its future completed, until the process is
 * killed. Arguments: the audit directory, and {@code fsync} or {@code nofsync}.
 */
public final class CrashingWriter {
    private CrashingWriter() {}

    public static void main(String[] args) throws Exception {
        AuditSettings settings = AuditSettings.defaults(Path.of(args[0])).withFsync(args[1].equals("fsync"))
                .withMaxFileBytes(64 * 1024);
        AuditLog log = AuditLog.open(settings);
        String run = args[2];
        for (int t = 0; t < 8; t++) {
            int thread = t;
            Thread.ofPlatform().start(() -> {
                for (long i = 0; ; i++) {
                    String id = run + "-" + thread + "-" + i;
                    AuditRecord record = AuditRecord.builder(id, "ana", "select " + i + " from sales.public.orders")
                            .groups(List.of("analysts")).table("sales.public.orders", List.of("o_orderkey"))
                            .rows(i).build();
                    log.append(record).join();
                    synchronized (System.out) {
                        System.out.println("ack " + id);
                        System.out.flush();
                    }
                }
            });
        }
        Thread.currentThread().join();
    }
}
