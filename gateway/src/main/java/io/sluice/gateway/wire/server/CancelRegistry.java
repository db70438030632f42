package io.sluice.gateway.wire.server;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Maps the (process id, secret key) pairs handed out in BackendKeyData to the connections
 * that can be cancelled. A CancelRequest with a wrong secret is ignored silently, as in PostgreSQL.
 */
public final class CancelRegistry {
    public record Key(int processId, int secretKey) {}

    private final SecureRandom random = new SecureRandom();
    private final AtomicInteger nextProcessId = new AtomicInteger(10_000 + new SecureRandom().nextInt(10_000));
    private final Map<Integer, Entry> entries = new ConcurrentHashMap<>();

    private record Entry(int secret, Runnable canceller) {}

    /** Registers a cancellable connection; returns its key. */
    public Key register(Runnable canceller) {
        while (true) {
            int pid = nextProcessId.getAndUpdate(p -> p >= 4_000_000 ? 10_000 : p + 1);
            int secret = random.nextInt();
            if (entries.putIfAbsent(pid, new Entry(secret, canceller)) == null) {
                return new Key(pid, secret);
            }
        }
    }

    public void unregister(Key key) {
        entries.computeIfPresent(key.processId(), (pid, e) -> e.secret() == key.secretKey() ? null : e);
    }

    /** Runs the canceller of the matching connection; returns whether one matched. */
    public boolean cancel(int processId, int secretKey) {
        Entry e = entries.get(processId);
        if (e == null || !MessageDigest.isEqual(intBytes(e.secret()), intBytes(secretKey))) {
            return false;
        }
        e.canceller().run();
        return true;
    }

    private static byte[] intBytes(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    int size() {
        return entries.size();
    }
}
