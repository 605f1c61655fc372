package io.hpcha.linux.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hpcha.UnexpectedOutputException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the output of {@code ip -json addr show} (iproute2 4.13 and later): a JSON array of
 * interfaces, each with {@code ifname} and an {@code addr_info} array of addresses with
 * {@code family}, {@code local}, {@code prefixlen} and, for IPv4, {@code label}.
 *
 * <p>Anything else (not JSON, not an array, a field missing or of the wrong type) is an
 * {@link UnexpectedOutputException} with an excerpt; nothing is guessed. Fields this reader does not
 * need are ignored, so newer iproute2 versions that add fields still parse. Stateless and thread-safe.
 */
public final class IpAddrJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private IpAddrJson() {
    }

    /** Every address of every interface, in the order iproute2 printed them. */
    public static List<AddressEntry> parse(String output) {
        JsonNode root;
        try {
            root = JSON.readTree(output);
        } catch (JsonProcessingException e) {
            throw new UnexpectedOutputException("ip -json addr show printed something that is not JSON", output, e);
        }
        if (root == null || !root.isArray()) {
            throw new UnexpectedOutputException("ip -json addr show did not print a JSON array of interfaces", output);
        }
        List<AddressEntry> entries = new ArrayList<>();
        for (JsonNode link : root) {
            String ifname = text(link, "ifname", output);
            JsonNode addrInfo = link.get("addr_info");
            if (addrInfo == null || !addrInfo.isArray()) {
                throw new UnexpectedOutputException("interface " + ifname + " has no addr_info array in ip -json addr show",
                        output);
            }
            for (JsonNode address : addrInfo) {
                entries.add(entry(ifname, address, output));
            }
        }
        return List.copyOf(entries);
    }

    private static AddressEntry entry(String ifname, JsonNode address, String output) {
        String family = text(address, "family", output);
        String local = text(address, "local", output);
        JsonNode prefix = address.get("prefixlen");
        if (prefix == null || !prefix.isInt()) {
            throw new UnexpectedOutputException("address " + local + " on " + ifname + " has no whole-number prefixlen",
                    output);
        }
        JsonNode label = address.get("label");
        if (label != null && !label.isTextual()) {
            throw new UnexpectedOutputException("address " + local + " on " + ifname + " has a label that is not text",
                    output);
        }
        return new AddressEntry(ifname, family, local, prefix.intValue(), label == null ? "" : label.textValue());
    }

    private static String text(JsonNode node, String field, String output) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.isTextual() || value.textValue().isEmpty()) {
            throw new UnexpectedOutputException("ip -json addr show: expected text field '" + field + "' in "
                    + abbreviate(node), output);
        }
        return value.textValue();
    }

    private static String abbreviate(JsonNode node) {
        String s = String.valueOf(node);
        return s.length() <= 120 ? s : s.substring(0, 120) + "…";
    }
}
