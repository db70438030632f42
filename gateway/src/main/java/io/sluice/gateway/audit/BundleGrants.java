package io.sluice.gateway.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.gateway.audit.AccessReview.Grant;
import io.sluice.gateway.audit.AccessReview.Principal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The grants of a policy bundle, for the access review. Reads {@code DIR/data.json} (or the
 * file given) and collects every array under a key named {@code grants}, wherever it sits.
 * Each element is an object:
 * <pre>
 *   {"group": "analysts", "source": "sales", "schema": "public", "table": "orders"}
 *   {"user": "sam", "source": "crm"}                        -- schema and table are optional
 * </pre>
 * with exactly one of {@code group} or {@code user}, and {@code source}; {@code schema} and
 * {@code table} narrow the grant and may use {@code *} as a wildcard. Other keys (e.g. columns,
 * a comment) are ignored. Anything else is an error naming the JSON path.
 *
 * <p>The role-based shape of the default bundle ({@code policies/bundle/data.json}) is read too:
 * an object holding {@code group_roles} (group to roles) and {@code role_grants} (role to grants
 * with {@code source} and optional {@code schema}/{@code table}) yields one grant per group and
 * role grant.
 */
public final class BundleGrants {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private BundleGrants() {}

    public static List<Grant> read(Path bundle) {
        Path file = Files.isDirectory(bundle) ? bundle.resolve("data.json") : bundle;
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new AuditException(file + ": no such file; pass --bundle with the policy bundle directory");
        } catch (JsonProcessingException e) {
            throw new AuditException(file + ": not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new AuditException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<Grant> grants = new ArrayList<>();
        boolean found = collect(root, "", file, grants);
        found |= collectRoleGrants(root, "", file, grants);
        if (!found) {
            throw new AuditException(file + ": no 'grants' array; expected e.g. {\"grants\": [{\"group\": "
                    + "\"analysts\", \"source\": \"sales\", \"schema\": \"public\", \"table\": \"orders\"}]}");
        }
        return grants;
    }

    private static boolean collect(JsonNode node, String path, Path file, List<Grant> out) {
        boolean found = false;
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String at = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                if (e.getKey().equals("grants") && e.getValue().isArray()) {
                    found = true;
                    for (int i = 0; i < e.getValue().size(); i++) {
                        out.add(grant(e.getValue().get(i), at + "[" + i + "]", file));
                    }
                } else {
                    found |= collect(e.getValue(), at, file, out);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                found |= collect(node.get(i), path + "[" + i + "]", file, out);
            }
        }
        return found;
    }

    private static boolean collectRoleGrants(JsonNode node, String path, Path file, List<Grant> out) {
        if (!node.isObject()) {
            return false;
        }
        if (node.path("group_roles").isObject() && node.path("role_grants").isObject()) {
            for (Map.Entry<String, JsonNode> group : node.get("group_roles").properties()) {
                for (JsonNode role : group.getValue()) {
                    JsonNode roleGrants = node.get("role_grants").path(role.asText());
                    for (int i = 0; i < roleGrants.size(); i++) {
                        com.fasterxml.jackson.databind.node.ObjectNode grant = roleGrants.get(i).deepCopy();
                        grant.put("group", group.getKey());
                        grant.remove("user");
                        out.add(grant(grant, path + ".role_grants." + role.asText() + "[" + i + "]", file));
                    }
                }
            }
            return true;
        }
        boolean found = false;
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            found |= collectRoleGrants(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), file, out);
        }
        return found;
    }

    private static Grant grant(JsonNode node, String at, Path file) {
        if (!node.isObject()) {
            throw new AuditException(file + ": " + at + " must be an object with group or user, and source");
        }
        boolean group = node.hasNonNull("group");
        boolean user = node.hasNonNull("user");
        if (group == user) {
            throw new AuditException(file + ": " + at + " needs exactly one of 'group' or 'user'");
        }
        Principal principal = group ? new Principal(Principal.Kind.GROUP, text(node, "group", at, file))
                : new Principal(Principal.Kind.USER, text(node, "user", at, file));
        if (!node.hasNonNull("source")) {
            throw new AuditException(file + ": " + at + " needs 'source'");
        }
        StringBuilder scope = new StringBuilder(text(node, "source", at, file));
        if (node.hasNonNull("schema")) {
            scope.append('.').append(text(node, "schema", at, file));
            if (node.hasNonNull("table")) {
                scope.append('.').append(text(node, "table", at, file));
            }
        } else if (node.hasNonNull("table")) {
            scope.append(".*.").append(text(node, "table", at, file));
        }
        return new Grant(principal, scope.toString());
    }

    private static String text(JsonNode node, String key, String at, Path file) {
        JsonNode v = node.get(key);
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new AuditException(file + ": " + at + "." + key + " must be a non-empty string");
        }
        return v.asText();
    }
}
