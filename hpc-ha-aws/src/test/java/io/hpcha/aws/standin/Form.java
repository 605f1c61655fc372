package io.hpcha.aws.standin;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The parameters of an EC2 Query API request ({@code Action=…&Version=2016-11-15&InstanceId.1=…}). */
final class Form {
    private Form() {
    }

    static Map<String, String> parse(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return params;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return params;
    }

    /** {@code prefix.1}, {@code prefix.2}, … in order. */
    static List<String> list(Map<String, String> params, String prefix) {
        List<String> values = new ArrayList<>();
        for (int i = 1; params.containsKey(prefix + "." + i); i++) {
            values.add(params.get(prefix + "." + i));
        }
        return values;
    }

    /** {@code Filter.N.Name} → its {@code Filter.N.Value.M} values. */
    static Map<String, List<String>> filters(Map<String, String> params) {
        Map<String, List<String>> filters = new LinkedHashMap<>();
        for (int i = 1; params.containsKey("Filter." + i + ".Name"); i++) {
            filters.put(params.get("Filter." + i + ".Name"), list(params, "Filter." + i + ".Value"));
        }
        return filters;
    }

    /** {@code prefix.N.Key} → {@code prefix.N.Value}. */
    static Map<String, String> tags(Map<String, String> params, String prefix) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 1; params.containsKey(prefix + "." + i + ".Key"); i++) {
            tags.put(params.get(prefix + "." + i + ".Key"), params.get(prefix + "." + i + ".Value"));
        }
        return tags;
    }
}
