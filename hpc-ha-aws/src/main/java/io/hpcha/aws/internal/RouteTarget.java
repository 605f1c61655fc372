package io.hpcha.aws.internal;

import java.util.Optional;
import software.amazon.awssdk.services.ec2.model.Route;

/**
 * What one route table's route for the overlay address points at, as EC2 described it.
 *
 * @param table    the route table id
 * @param route    the route, empty when the table has none for the address
 */
public record RouteTarget(String table, Optional<Route> route) {
    /** The ENI the route points at, if it points at one. */
    public Optional<String> networkInterfaceId() {
        return route.map(Route::networkInterfaceId);
    }

    public boolean present() {
        return route.isPresent();
    }

    /** EC2's state of the route ({@code active}, {@code blackhole}), empty without a route. */
    public Optional<String> state() {
        return route.map(Route::stateAsString);
    }

    /** Whether the route exists, is active and points at {@code eni}. */
    public boolean pointsAt(String eni) {
        return route.isPresent() && eni.equals(route.get().networkInterfaceId()) && "active".equals(route.get().stateAsString());
    }

    /** A non-ENI target (gateway, instance without ENI, NAT, peering, …) in words, empty for an ENI or no route. */
    public Optional<String> otherTarget() {
        if (route.isEmpty() || route.get().networkInterfaceId() != null) {
            return Optional.empty();
        }
        Route r = route.get();
        for (String t : new String[]{r.gatewayId(), r.instanceId(), r.natGatewayId(), r.transitGatewayId(),
                r.vpcPeeringConnectionId(), r.localGatewayId(), r.carrierGatewayId(), r.egressOnlyInternetGatewayId(),
                r.coreNetworkArn()}) {
            if (t != null) {
                return Optional.of(t);
            }
        }
        return Optional.of("an unknown target");
    }
}
