package io.hpcha.aws;

/** Well-formed EC2 ids for tests. */
final class Ids {
    static final String RTB_A = "rtb-0aaaaaaaaaaaaaaa1";
    static final String RTB_B = "rtb-0bbbbbbbbbbbbbbb2";
    static final String RTB_C = "rtb-0ccccccccccccccc3";
    static final String ENI_1 = "eni-01111111111111111";
    static final String ENI_2 = "eni-02222222222222222";
    static final String ENI_FOREIGN = "eni-0ffffffffffffffff";
    static final String I_1 = "i-0c111111111111111";
    static final String I_2 = "i-0c222222222222222";
    static final String I_FOREIGN = "i-0cfffffffffffffff";

    private Ids() {
    }
}
