package org.weimin.ops.pages;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The static public pages (issue 10; no login): {@code GET /}, the lookup form (tracking number, optional
 * verification code); {@code GET /figures?period=YYYY-MM} (default: this month in Asia/Shanghai; an unreadable
 * month counts as none), the open figures as charts and tables, drawn in the browser from
 * {@code GET /api/public/figures} by {@code /assets/figures.js} with ECharts from its WebJar.
 */
@Controller
public class PublicPages {
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private final Clock clock;

    public PublicPages(Clock clock) {
        this.clock = clock;
    }

    /** The lookup form. */
    @GetMapping("/")
    public String lookup() {
        return "pages/lookup";
    }

    /** The open figures page for one month. */
    @GetMapping("/figures")
    public String figures(@RequestParam(name = "period", required = false) String period, Model model) {
        YearMonth month = YearMonth.from(clock.instant().atZone(BEIJING));
        if (period != null) {
            try {
                month = YearMonth.parse(period.strip());
            } catch (DateTimeParseException e) {
                // keep this month
            }
        }
        model.addAttribute("period", month.toString());
        return "pages/figures";
    }
}
