package org.weimin.query.pages;

import java.time.Clock;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.weimin.events.DomainException;
import org.weimin.events.calendar.WorkingCalendar;
import org.weimin.events.cases.Grade;
import org.weimin.query.cases.CaseQueryController;
import org.weimin.query.cases.PublicCaseDetails;
import org.weimin.query.cases.PublicCaseView;

/**
 * The public case pages (issue 10; no login), built from exactly the public API's views
 * ({@link CaseQueryController#publicView}, {@link CaseQueryController#details}), so they show what rules.md "What the
 * public sees" allows and nothing more, go through the same single key lookup, and meet the same rate limits and
 * wrong-code lockout:
 * <ul>
 *   <li>{@code GET /track?number=…}: status in plain words, service item, the unit now handling it, the deadline
 *       (provisional marked) or the paused state, working days left or overdue ({@link DeadlineProgress}), the
 *       steps;</li>
 *   <li>{@code POST /track/details} (form fields {@code number}, {@code code}; the code never goes into an address):
 *       the above plus the masked name, the items of each notice, what the applicant was told, the result text and,
 *       when open, the evaluation form (which posts to {@code POST /track/evaluation} on the command side).</li>
 * </ul>
 * Failures are the API's {@link DomainException}s, rendered as pages by the page error advice (ops): 400
 * {@code INVALID_TRACKING_NUMBER}, 404 {@code CASE_NOT_FOUND}, 403 {@code WRONG_VERIFICATION_CODE}, 429
 * {@code VERIFICATION_LOCKED}.
 */
@Controller
public class PublicCasePages {
    private final CaseQueryController cases;
    private final WorkingCalendar calendar;
    private final Clock clock;

    public PublicCasePages(CaseQueryController cases, WorkingCalendar calendar, Clock clock) {
        this.cases = cases;
        this.calendar = calendar;
        this.clock = clock;
    }

    /** The case by tracking number alone; an empty number shows the lookup form again. */
    @GetMapping("/track")
    public String track(@RequestParam(name = "number", required = false) String number, Model model) {
        if (number == null || number.isBlank()) {
            return "redirect:/";
        }
        show(cases.publicView(number), model);
        return "track/case";
    }

    /**
     * The case with the verification code.
     *
     * @throws DomainException as {@link CaseQueryController#details}
     */
    @PostMapping("/track/details")
    public String details(@RequestParam(name = "number", required = false) String number,
                          @RequestParam(name = "code", required = false) String code, Model model) {
        if (number == null || number.isBlank()) {
            return "redirect:/";
        }
        PublicCaseDetails details = cases.details(number, code);
        show(details.summary(), model);
        model.addAttribute("details", details);
        model.addAttribute("code", code.strip());
        model.addAttribute("grades", Grade.values());
        return "track/details";
    }

    private void show(PublicCaseView view, Model model) {
        model.addAttribute("view", view);
        model.addAttribute("progress", DeadlineProgress.of(view, calendar, clock.instant()));
    }
}
