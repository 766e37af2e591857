package org.weimin.events.access;

import java.util.Arrays;
import java.util.Optional;

/**
 * The staff roles of issue 7, by the names tokens carry ({@code roles} claim, {@code users.json}). The public
 * (applicant with tracking number + verification code) and Open311 API clients are not roles: they never hold a
 * staff token (see {@link AccessPolicy}).
 */
public enum Role {
    /** 窗口工作人员: receives cases at a window of their centre and handles cases their unit holds. */
    WINDOW_STAFF("window-staff"),
    /** 单位负责人: what staff of the unit may do, plus approving or refusing extensions of the unit's cases. */
    UNIT_HEAD("unit-head"),
    /** 职能部门经办人: handles cases forwarded to their line department. */
    LINE_DEPARTMENT_HANDLER("line-department-handler"),
    /** 督查: reads and supervises the whole subtree of their unit. */
    SUPERVISOR("supervisor"),
    /** 审计: reads everything, changes nothing. */
    AUDITOR("auditor"),
    /** 系统管理员: reference data, users and keys; neither reads nor changes cases. */
    ADMINISTRATOR("administrator"),
    /** 历史数据导入: the import API only. */
    IMPORTER("importer");

    private final String claim;

    Role(String claim) {
        this.claim = claim;
    }

    /** The name in tokens and the user store, e.g. {@code window-staff}. */
    public String claim() {
        return claim;
    }

    /** The role with this claim name; empty for an unknown name (which grants nothing). */
    public static Optional<Role> ofClaim(String claim) {
        return Arrays.stream(values()).filter(r -> r.claim.equals(claim)).findFirst();
    }
}
