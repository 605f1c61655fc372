/**
 * Implementation details of the AWS backend, shared by its classes and used by no other module:
 * the one EC2 error mapping, the per-request call settings, id validation and conversions.
 */
package io.hpcha.aws.internal;
