package org.weimin.ops.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.weimin.events.StaffMember;

/**
 * The OpenAPI description: title and version, the bearer-token scheme (from {@code POST /api/auth/token}) so that
 * Swagger UI can send a token, and the authenticated {@link StaffMember} hidden from the parameters (it comes from
 * the token, not from the request).
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {
    static {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(StaffMember.class);
    }

    @Bean
    OpenAPI weiminOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Weimin (为民) case tracking API").version("1")
                        .description("Staff commands and reads need a bearer token from POST /api/auth/token; "
                                + "/api/public/** needs none. Errors are RFC 9457 problem details with a stable "
                                + "'code'."))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
