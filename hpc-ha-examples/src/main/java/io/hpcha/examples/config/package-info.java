/** Reading a daemon's YAML configuration and assembling its backends by provider name. */
package io.hpcha.examples.config;
