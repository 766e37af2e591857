package org.weimin.events.org;

/** The kinds of node in the service network's org tree (glossary "The service network"). */
public enum OrgUnitKind {
    /** 市: the root of a deployment's tree. */
    CITY,
    /** 区. */
    DISTRICT,
    /** 街道: a street (sub-district). */
    STREET,
    /** 社区. */
    COMMUNITY,
    /** 居民小组. */
    RESIDENTS_GROUP,
    /** 为民服务中心（站）: a one-stop centre; its children include its windows. */
    SERVICE_CENTRE,
    /** 服务窗口: a counter in a centre where cases are received; the unit that is assessed. */
    WINDOW,
    /** 条管部门: a functional department at district or city level. */
    LINE_DEPARTMENT
}
