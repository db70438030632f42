package io.sluice.policies.rego;

import io.sluice.policies.rego.value.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The bundle currently in force. Loading compiles the whole bundle first and swaps it in only
 * when it compiled cleanly; a bundle with any error is rejected as a whole and the previous one
 * stays active. Readers never block.
 */
public final class ActivePolicy {
  private final AtomicReference<Optional<Loaded>> current = new AtomicReference<>(Optional.empty());

  /** A compiled bundle with its revision (SHA-256 of its files) and load time. */
  public record Loaded(CompiledPolicy policy, String revision, Path source, Instant loadedAt) {
    public Loaded {
      Objects.requireNonNull(policy, "policy is null");
      Objects.requireNonNull(revision, "revision is null");
      Objects.requireNonNull(source, "source is null");
      Objects.requireNonNull(loadedAt, "loadedAt is null");
    }
  }

  /** The outcome of a load or reload. */
  public sealed interface Outcome permits Accepted, Rejected { }

  public record Accepted(Loaded loaded) implements Outcome {
    public Accepted {
      Objects.requireNonNull(loaded, "loaded is null");
    }
  }

  /** The bundle did not compile; {@code stillActive} is the revision that remains in force. */
  public record Rejected(Path source, List<RegoError> errors, Optional<String> stillActive) implements Outcome {
    public Rejected {
      Objects.requireNonNull(source, "source is null");
      errors = List.copyOf(errors);
      Objects.requireNonNull(stillActive, "stillActive is null");
    }
  }

  public Optional<Loaded> current() {
    return current.get();
  }

  /** Loads (or reloads) a bundle directory. */
  public Outcome load(Path dir) {
    Bundle b;
    try {
      b = Bundle.load(dir);
    } catch (RuntimeException e) {
      return rejected(dir, List.of(new RegoError("bundle_error", String.valueOf(e.getMessage()), SourcePos.NONE)));
    }
    return load(b);
  }

  public Outcome load(Bundle bundle) {
    try {
      CompiledPolicy p = RegoCompiler.compile(bundle);
      Loaded l = new Loaded(p, revision(bundle), bundle.root(), Instant.now());
      current.set(Optional.of(l));
      return new Accepted(l);
    } catch (RegoCompileException e) {
      return rejected(bundle.root(), e.errors());
    }
  }

  private Rejected rejected(Path dir, List<RegoError> errors) {
    return new Rejected(dir, errors, current.get().map(Loaded::revision));
  }

  private static String revision(Bundle b) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (Map.Entry<String, String> e : new java.util.TreeMap<>(b.modules()).entrySet()) {
        md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
        md.update(e.getValue().getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
      }
      md.update(Json.write(b.data()).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
