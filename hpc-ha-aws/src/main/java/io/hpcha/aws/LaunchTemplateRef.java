package io.hpcha.aws;

import io.hpcha.aws.internal.Ec2Ids;
import java.util.Objects;

/**
 * The EC2 launch template replacements are launched from, by id or by name, and its version
 * ({@code $Default}, {@code $Latest} or a number). Immutable.
 *
 * @param id      the template id ({@code lt-…}), or null when named
 * @param name    the template name, or null when given by id
 * @param version the version to launch
 */
public record LaunchTemplateRef(String id, String name, String version) {
    public LaunchTemplateRef {
        if ((id == null) == (name == null)) {
            throw new io.hpcha.ConfigurationException("launch template: give exactly one of id and name");
        }
        if (id != null) {
            Ec2Ids.launchTemplateId("launch template id", id);
        } else {
            Ec2Ids.launchTemplateName("launch template name", name);
        }
        Ec2Ids.launchTemplateVersion("launch template version", Objects.requireNonNull(version, "version"));
    }

    /** The template with id {@code id}, at {@code version}. */
    public static LaunchTemplateRef byId(String id, String version) {
        return new LaunchTemplateRef(id, null, version);
    }

    /** The template named {@code name}, at {@code version}. */
    public static LaunchTemplateRef byName(String name, String version) {
        return new LaunchTemplateRef(null, name, version);
    }
}
