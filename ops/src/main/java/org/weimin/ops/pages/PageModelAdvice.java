package org.weimin.ops.pages;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.weimin.ops.security.StaffSession;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What the shared layout needs on every page: the language switch links {@code langZh} and {@code langEn}. On a GET
 * page they lead to the same page (same query, {@code lang} replaced); after a form post (whose fields, such as a
 * verification code, must not go into an address) to the lookup form.
 */
@ControllerAdvice(basePackages = {"org.weimin.query.pages", "org.weimin.command.pages", "org.weimin.ops.pages"})
public class PageModelAdvice {

    @ModelAttribute
    void languageLinks(HttpServletRequest request, Model model) {
        model.addAttribute("langZh", switchTo(request, "zh-CN"));
        model.addAttribute("langEn", switchTo(request, "en"));
    }

    /**
     * Who is signed in, on the staff pages: {@code staffUser} (the user name, or absent), {@code canWork} and
     * {@code canSupervise} (whether the workbench and the dashboard are open to them, by the same rules as
     * {@link StaffPageSecurityConfiguration}).
     */
    @ModelAttribute
    void signedIn(Model model) {
        Authentication current = SecurityContextHolder.getContext().getAuthentication();
        if (current instanceof StaffSession staff) {
            model.addAttribute("staffUser", staff.getName());
            model.addAttribute("canWork", StaffPageSecurityConfiguration.mayWork(staff));
            model.addAttribute("canSupervise", StaffPageSecurityConfiguration.maySupervise(staff));
        }
    }

    /** The current GET page (or the lookup form) with {@code lang} set. */
    static String switchTo(HttpServletRequest request, String lang) {
        UriComponentsBuilder uri = "GET".equals(request.getMethod())
                ? UriComponentsBuilder.fromPath(request.getRequestURI()).query(request.getQueryString())
                : UriComponentsBuilder.fromPath(request.getContextPath() + "/");
        return uri.replaceQueryParam("lang", lang).build(true).toUriString();
    }
}
