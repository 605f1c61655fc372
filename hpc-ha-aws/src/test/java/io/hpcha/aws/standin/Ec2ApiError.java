package io.hpcha.aws.standin;

/** An error the EC2 stand-in answers with, in EC2's error envelope. */
public final class Ec2ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final int status;
    final String code;

    public Ec2ApiError(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    /** The HTTP status EC2 answers with. */
    public int status() {
        return status;
    }

    /** EC2's error code, e.g. {@code InvalidParameterValue}. */
    public String code() {
        return code;
    }

    static Ec2ApiError badRequest(String code, String message) {
        return new Ec2ApiError(400, code, message);
    }

    /** EC2's real envelope: {@code <Response><Errors><Error><Code>…</Code><Message>…</Message></Error></Errors><RequestID>…</RequestID></Response>}. */
    public static String envelope(String code, String message, String requestId) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>" + Xml.escape(code)
                + "</Code><Message>" + Xml.escape(message) + "</Message></Error></Errors><RequestID>" + requestId
                + "</RequestID></Response>";
    }
}
