package io.hpcha.aws.standin;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fault the stand-in injects in front of the model for requests of one action (optionally only
 * those with given parameters), a given number of times (forever unless told).
 *
 * <pre>{@code
 * standIn.on("ReplaceRoute").where("RouteTableId", "rtb-…").times(1).error(503, "RequestLimitExceeded", "Request limit exceeded.");
 * standIn.on("DescribeInstances").times(1).resetConnection();
 * standIn.on("DescribeRouteTables").delay(Duration.ofSeconds(3));   // the model still acts; the answer comes late
 * standIn.on("DescribeInstances").answer(200, "<html>…</html>");       // not EC2 at all
 * }</pre>
 */
public final class FaultRule {
    enum Kind { NONE, ERROR, RESET, DELAY, RAW }

    private final String action;
    private final Map<String, String> where = new LinkedHashMap<>();
    private int remaining = Integer.MAX_VALUE;
    volatile Kind kind = Kind.NONE;
    int status;
    String code;
    String message;
    Duration delay;

    FaultRule(String action) {
        this.action = action;
    }

    /** Only requests whose parameter {@code name} equals {@code value}. */
    public FaultRule where(String name, String value) {
        where.put(name, value);
        return this;
    }

    /** Only requests that carry parameter {@code name} (a second page's {@code NextToken}, say). */
    public FaultRule wherePresent(String name) {
        where.put(name, null);
        return this;
    }

    /** Only the next {@code n} matching requests. */
    public FaultRule times(int n) {
        this.remaining = n;
        return this;
    }

    /** Answers with EC2's error envelope. */
    public void error(int status, String code, String message) {
        this.status = status;
        this.code = code;
        this.message = message;
        this.kind = Kind.ERROR;
    }

    /** EC2's throttling answer: 503 {@code RequestLimitExceeded}. */
    public void throttle() {
        error(503, "RequestLimitExceeded", "Request limit exceeded.");
    }

    /** Answers {@code body} as it is, with {@code status}, instead of asking the model. */
    public void answer(int status, String body) {
        this.status = status;
        this.message = body;
        this.kind = Kind.RAW;
    }

    /** Resets the connection instead of answering. */
    public void resetConnection() {
        this.kind = Kind.RESET;
    }

    /** Answers normally (the model acts), but only after {@code delay}. */
    public void delay(Duration delay) {
        this.delay = delay;
        this.kind = Kind.DELAY;
    }

    synchronized boolean take(String action, Map<String, String> params) {
        if (kind == Kind.NONE || remaining <= 0 || !this.action.equals(action)) {
            return false;
        }
        for (Map.Entry<String, String> w : where.entrySet()) {
            boolean ok = w.getValue() == null ? params.containsKey(w.getKey()) : w.getValue().equals(params.get(w.getKey()));
            if (!ok) {
                return false;
            }
        }
        remaining--;
        return true;
    }
}
