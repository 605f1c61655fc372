/** Parsers, argument checks and error mapping of the Linux backend; not part of its API. */
package io.hpcha.linux.internal;
