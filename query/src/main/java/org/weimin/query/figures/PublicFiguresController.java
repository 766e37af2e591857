package org.weimin.query.figures;

import java.util.Map;
import java.util.Set;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;
import org.weimin.events.org.OrgTree;

/**
 * {@code GET /api/public/figures?period=2026-03} or {@code ?from=2026-01&to=2026-03} (months, Asia/Shanghai; at most
 * {@value #MAX_MONTHS}): the open figures of every service centre and window ({@link PublicFigures}), public and
 * rate-limited like every {@code /api/public} route. Parameters are parsed as for the assessment figures
 * ({@link FiguresParams}, month granularity); any other parameter is a 400 {@code VALIDATION_FAILED}; Elasticsearch
 * being down is 503 {@code SEARCH_UNAVAILABLE}.
 */
@RestController
public class PublicFiguresController {
    /** The most months one request covers. */
    static final int MAX_MONTHS = 12;
    private static final Set<String> PARAMS = Set.of("period", "from", "to");

    private final FiguresService figures;
    private final OrgTree orgTree;

    public PublicFiguresController(FiguresService figures, OrgTree orgTree) {
        this.figures = figures;
        this.orgTree = orgTree;
    }

    /** @throws DomainException {@code VALIDATION_FAILED} for a bad or unknown parameter or more than 12 months */
    @GetMapping("/api/public/figures")
    public PublicFigures figures(@RequestParam MultiValueMap<String, String> params) {
        MultiValueMap<String, String> request = new LinkedMultiValueMap<>();
        params.forEach((name, values) -> {
            if (!PARAMS.contains(name)) {
                throw new DomainException(ErrorCode.VALIDATION_FAILED, "Unknown parameter " + name + ".",
                        Map.of(name, "not a parameter (period, or from and to)"));
            }
            request.put(name, values);
        });
        request.add("dimension", "centre");
        request.add("granularity", "month");
        FiguresParams.Figures parsed = FiguresParams.figures(request);
        if (parsed.periods().size() > MAX_MONTHS) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "At most " + MAX_MONTHS + " months at once.",
                    Map.of("to", "within " + MAX_MONTHS + " months of from"));
        }
        String root = orgTree.root().id().value();
        return PublicFigures.of(figures.figures(Dimension.CENTRE, parsed.periods(), root, null),
                figures.figures(Dimension.WINDOW, parsed.periods(), root, null));
    }
}
