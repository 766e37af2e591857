package org.weimin.ops.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;

/**
 * Request bodies are read strictly (besides {@code spring.jackson.*} in application.yml): a boolean or a number where
 * text is expected ({@code "subject": true}) and a number where a time is expected are 400 {@code VALIDATION_FAILED},
 * not silently turned into "true" or an epoch instant. The HTTP message converter's mapper (a copy of the application's,
 * so that events already stored are read as before) also rejects text with characters that are not text
 * ({@link TextCharacters}): 400 {@code INVALID_CHARACTERS}.
 */
@Configuration(proxyBeanMethods = false)
public class StrictJson {

    /** Replaces Boot's JSON converter: the same mapper plus the text-character check, for request bodies only. */
    @Bean
    MappingJackson2HttpMessageConverter mappingJackson2HttpMessageConverter(ObjectMapper mapper) {
        return new MappingJackson2HttpMessageConverter(mapper.copy().registerModule(TextCharacters.module()));
    }

    @Bean
    Jackson2ObjectMapperBuilderCustomizer noScalarCoercion() {
        return builder -> builder.postConfigurer(mapper -> {
            for (CoercionInputShape shape : new CoercionInputShape[] {CoercionInputShape.Boolean,
                    CoercionInputShape.Integer, CoercionInputShape.Float}) {
                mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
                mapper.coercionConfigFor(LogicalType.DateTime).setCoercion(shape, CoercionAction.Fail);
            }
        });
    }
}
