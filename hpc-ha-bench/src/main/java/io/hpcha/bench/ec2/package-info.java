/**
 * An EC2 stand-in for the benchmarks: WireMock serving a {@link io.hpcha.bench.cluster.GeneratedCluster}
 * through EC2's Query API in EC2's XML (namespace {@code http://ec2.amazonaws.com/doc/2016-11-15/}),
 * with EC2's paging rules, counting every request it serves. The XML is written with hpc-ha-aws's test
 * stand-in's pieces ({@code io.hpcha.aws.standin}: Xml, Ec2Shapes, Ec2ApiError), for the calls the
 * recovery agent and the naive agent make.
 */
package io.hpcha.bench.ec2;
