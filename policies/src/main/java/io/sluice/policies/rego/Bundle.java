package io.sluice.policies.rego;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sluice.policies.rego.value.Json;
import io.sluice.policies.rego.value.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The files of a policy bundle: every {@code *.rego} module and every {@code data.json} /
 * {@code data.yaml} merged into {@code data} under its directory path, as OPA bundles do.
 */
public record Bundle(Path root, Map<String, String> modules, Value data) {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  public Bundle {
    java.util.Objects.requireNonNull(root, "root is null");
    modules = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(modules));
    java.util.Objects.requireNonNull(data, "data is null");
  }

  /** Loads a directory (recursively) or a single .rego / data file. */
  public static Bundle load(Path dir) {
    return loadAll(List.of(dir));
  }

  /** Loads several paths into one bundle, like {@code opa eval -d a -d b}. */
  public static Bundle loadAll(List<Path> paths) {
    Map<String, String> modules = new LinkedHashMap<>();
    Value data = Value.EMPTY_OBJECT;
    for (Path p : paths) {
      List<Path> files = new ArrayList<>();
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.walk(p)) {
          s.filter(Files::isRegularFile).sorted().forEach(files::add);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      } else {
        files.add(p);
      }
      for (Path f : files) {
        String name = f.getFileName().toString();
        Path rel = Files.isDirectory(p) ? p.relativize(f.getParent() == null ? f : f.getParent()) : Path.of("");
        try {
          if (name.endsWith(".rego")) {
            modules.put(f.toString(), Files.readString(f));
          } else if (name.equals("data.json") || name.equals("data.yaml") || name.equals("data.yml")
              || (!Files.isDirectory(p) && (name.endsWith(".json") || name.endsWith(".yaml")))) {
            JsonNode n = name.endsWith(".json") ? Json.MAPPER.readTree(f.toFile()) : YAML.readTree(f.toFile());
            data = merge(data, prefix(rel), Json.fromJson(n == null ? Json.MAPPER.createObjectNode() : n));
          }
        } catch (IOException e) {
          throw new UncheckedIOException(f + ": " + e.getMessage(), e);
        }
      }
    }
    return new Bundle(paths.isEmpty() ? Path.of(".") : paths.get(0), modules, data);
  }

  private static List<String> prefix(Path rel) {
    List<String> out = new ArrayList<>();
    for (Path part : rel) {
      if (!part.toString().isEmpty()) {
        out.add(part.toString());
      }
    }
    return out;
  }

  private static Value merge(Value base, List<String> path, Value v) {
    if (path.isEmpty()) {
      return deepMerge(base, v);
    }
    Value.Obj obj = base instanceof Value.Obj o ? o : Value.EMPTY_OBJECT;
    Value child = obj.get(path.get(0)).orElse(Value.EMPTY_OBJECT);
    java.util.TreeMap<Value, Value> m = new java.util.TreeMap<>(obj.entries());
    m.put(Value.str(path.get(0)), merge(child, path.subList(1, path.size()), v));
    return new Value.Obj(m);
  }

  private static Value deepMerge(Value a, Value b) {
    if (a instanceof Value.Obj ao && b instanceof Value.Obj bo) {
      java.util.TreeMap<Value, Value> m = new java.util.TreeMap<>(ao.entries());
      bo.entries().forEach((k, v) -> m.merge(k, v, Bundle::deepMerge));
      return new Value.Obj(m);
    }
    return b;
  }
}
