package io.hpcha.aws.standin;

/**
 * Pieces of EC2's instance XML that every stand-in writes the same way: an instance state with its
 * numeric code, and a status-check summary with its reachability detail. Stateless.
 */
public final class Ec2Shapes {
    private Ec2Shapes() {
    }

    /** {@code <element><code>16</code><name>running</name></element>}, with EC2's code for the state name. */
    public static void state(Xml x, String element, String name) {
        int code = switch (name) {
            case "pending" -> 0;
            case "running" -> 16;
            case "shutting-down" -> 32;
            case "terminated" -> 48;
            case "stopping" -> 64;
            default -> 80;
        };
        x.open(element).el("code", code).el("name", name).close(element);
    }

    /** A status-check summary ({@code ok}, {@code impaired}, …, or {@code not-applicable} without details). */
    public static void summary(Xml x, String element, String status) {
        x.open(element).el("status", status);
        if (!status.equals("not-applicable")) {
            String detail = switch (status) {
                case "ok" -> "passed";
                case "impaired" -> "failed";
                default -> status;
            };
            x.open("details").open("item").el("name", "reachability").el("status", detail);
            if (status.equals("impaired")) {
                x.el("impairedSince", "2026-01-01T00:00:00.000Z");
            }
            x.close("item").close("details");
        }
        x.close(element);
    }
}
