package dev.tripline.context;

import dev.tripline.model.HostRecord;
import dev.tripline.model.IdentityRecord;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code --context FILE}: identities and hosts, as YAML/JSON ({@code identities: […], hosts: […]}) or CSV with a
 * {@code type} column ({@code identity} or {@code host}). The fixtures named context-… hold examples.
 */
public final class InventoryLoader {
    private InventoryLoader() {}

    public static List<Object> load(Path file) throws ContextFileException {
        Object doc = Records.read(file);
        String origin = file.getFileName().toString();
        List<Object> facts = new ArrayList<>();
        if (!(doc instanceof Map<?, ?> top)) throw new ContextFileException(file + ": expected 'identities' and/or 'hosts' lists");
        if (top.containsKey("rows")) {
            if (!(top.get("rows") instanceof List<?>)) throw new ContextFileException(file + ": 'rows' must be a list of rows");
            int row = 1;
            for (Object o : list(top.get("rows"), file, "rows")) {
                row++;
                Map<?, ?> m = map(o, file, "rows", row - 1);
                String type = Records.text(m, "type");
                String where = file + ": row " + row;
                if ("identity".equalsIgnoreCase(type)) facts.add(identity(m, origin, where));
                else if ("host".equalsIgnoreCase(type)) facts.add(host(m, origin, where));
                else throw new ContextFileException(where + ": type must be 'identity' or 'host', got '" + type + "'");
            }
            return facts;
        }
        for (Object key : top.keySet()) {
            if (!"identities".equals(key) && !"hosts".equals(key)) {
                throw new ContextFileException(file + ": unknown section '" + key + "' (known: identities, hosts)");
            }
        }
        int i = 0;
        for (Object o : list(top.get("identities"), file, "identities")) facts.add(identity(map(o, file, "identities", ++i), origin, file + ": identities[" + i + "]"));
        i = 0;
        for (Object o : list(top.get("hosts"), file, "hosts")) facts.add(host(map(o, file, "hosts", ++i), origin, file + ": hosts[" + i + "]"));
        return facts;
    }

    private static IdentityRecord identity(Map<?, ?> m, String origin, String where) throws ContextFileException {
        String name = Records.text(m, "name"), sid = Records.text(m, "sid"), kind = Records.text(m, "kind");
        if (name == null && sid == null) throw new ContextFileException(where + ": an identity needs a name or a sid");
        IdentityRecord.Kind k;
        try {
            k = IdentityRecord.Kind.valueOf(kind == null ? "" : kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ContextFileException(where + ": kind must be one of service, admin, user, disabled; got '" + kind + "'");
        }
        return new IdentityRecord(name, sid, k, Records.text(m, "owner"), Records.text(m, "criticality"), Records.list(m, "tags"), origin);
    }

    private static HostRecord host(Map<?, ?> m, String origin, String where) throws ContextFileException {
        String name = Records.text(m, "name"), role = Records.text(m, "role");
        if (name == null) throw new ContextFileException(where + ": a host needs a name");
        try {
            return new HostRecord(name, HostRecord.Role.parse(role == null ? "" : role), Records.text(m, "criticality"), origin);
        } catch (IllegalArgumentException e) {
            throw new ContextFileException(where + ": role must be one of domain-controller, server, workstation, jump-host; got '" + role + "'");
        }
    }

    static List<?> list(Object o, Path file, String section) throws ContextFileException {
        if (o == null) return List.of();
        if (o instanceof List<?> l) return l;
        throw new ContextFileException(file + ": '" + section + "' must be a list");
    }

    static Map<?, ?> map(Object o, Path file, String section, int i) throws ContextFileException {
        if (o instanceof Map<?, ?> m) return m;
        throw new ContextFileException(file + ": " + section + "[" + i + "] must be a map of fields");
    }
}
