package io.sluice.gateway.auth;

import java.util.Optional;

/**
 * Where the SCRAM verifiers of users come from. Implementations must be thread-safe and fast:
 * the lookup runs on a Netty event loop during authentication, so it must not block (keep the
 * verifiers in memory and reload them in the background).
 */
@FunctionalInterface
public interface UserStore {
    /** The verifier of a user, or empty when there is no such user (or it may not log in). */
    Optional<ScramVerifier> verifier(String user);
}
