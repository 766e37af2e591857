package org.weimin.ops.pages;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.weimin.ops.security.StaffSession;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.weimin.ops.security.LocalTokenIssuer;

/**
 * {@code GET /login}: the staff sign-in form (issue 10; the chain and the check are
 * {@link StaffPageSecurityConfiguration}'s). {@code ?error} after a refused attempt, {@code ?logout} after signing out;
 * a visitor already signed in gets a link to their start page instead of the form (and the header's sign-out button). With an external token issuer the form is replaced
 * by a note that page sign-in needs the local user store.
 */
@Controller
public class LoginPage {
    private final ObjectProvider<LocalTokenIssuer> issuer;

    public LoginPage(ObjectProvider<LocalTokenIssuer> issuer) {
        this.issuer = issuer;
    }

    /** The form, or for someone signed in a link to their start page ({@code home}). */
    @GetMapping("/login")
    public String login(@RequestParam(name = "error", required = false) String error,
                        @RequestParam(name = "logout", required = false) String logout, Model model) {
        Authentication current = SecurityContextHolder.getContext().getAuthentication();
        if (current instanceof StaffSession signedIn) {
            model.addAttribute("home", StaffPageSecurityConfiguration.home(signedIn));
        }
        model.addAttribute("failed", error != null);
        model.addAttribute("signedOut", logout != null);
        model.addAttribute("localLogin", issuer.getIfAvailable() != null);
        return "pages/login";
    }
}
