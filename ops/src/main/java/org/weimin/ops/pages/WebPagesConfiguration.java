package org.weimin.ops.pages;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Languages of the web pages (issue 10): Chinese ({@code zh-CN}) unless the visitor chose English with {@code ?lang=en}
 * on any page, which a cookie ({@value #COOKIE}, a year, {@code SameSite=Lax}) keeps; {@code ?lang=zh-CN} switches
 * back. Only these two: any other value or an {@code Accept-Language} header is ignored, so a page never renders in a
 * language without texts (message bundles {@code i18n/messages} and {@code i18n/error-codes}).
 */
@Configuration(proxyBeanMethods = false)
public class WebPagesConfiguration implements WebMvcConfigurer {
    /** The language cookie. */
    public static final String COOKIE = "weimin-lang";
    /** The default language of every page. */
    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

    /** Narrows any locale to one the pages have texts for: English, else Chinese. */
    static Locale supported(Locale requested) {
        return requested != null && "en".equals(requested.getLanguage()) ? Locale.ENGLISH : CHINESE;
    }

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver cookies = new CookieLocaleResolver(COOKIE) {
            @Override
            public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
                super.setLocale(request, response, locale == null ? null : supported(locale));
            }

            @Override
            public Locale resolveLocale(HttpServletRequest request) {
                return supported(super.resolveLocale(request));
            }
        };
        cookies.setDefaultLocale(CHINESE);
        cookies.setCookieMaxAge(Duration.ofDays(365));
        cookies.setCookieSameSite("Lax");
        cookies.setRejectInvalidCookies(true);
        // Never Accept-Language: the default language is Chinese whatever the browser says (issue 10).
        cookies.setDefaultLocaleFunction(request -> CHINESE);
        return cookies;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor lang = new LocaleChangeInterceptor();
        lang.setParamName("lang");
        lang.setIgnoreInvalidLocale(true);
        registry.addInterceptor(lang).excludePathPatterns("/api/**", "/open311/**", "/actuator/**");
    }
}
