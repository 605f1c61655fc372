package io.hpcha.archsamples;

import java.io.IOException;

/** Violates the unchecked-errors rule. */
public class ThrowsChecked {
    public void read() throws IOException {
        throw new IOException("sample");
    }
}
