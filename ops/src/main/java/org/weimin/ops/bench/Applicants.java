package org.weimin.ops.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Plausible, invented applicants and request bodies for the load: names, resident ID numbers, mobile numbers. */
final class Applicants {
    private static final String[] SURNAMES = {"张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴", "徐", "孙",
            "欧阳", "司马", "诸葛"};
    private static final String GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志红梅海燕鹏飞晓东";
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";
    private static final String[][] MATTERS = {
            {"申请临时救助", "家中突发变故，收入中断，申请临时救助"},
            {"临时救助申请（医疗支出）", "家庭成员住院治疗，自付费用较高，生活困难"},
            {"申请临时生活救助", "因火灾导致住房受损，暂无住处，请求给予临时救助"},
            {"临时救助", "失业后无收入来源，子女上学费用无法负担"}};

    private Applicants() {
    }

    /** {@code POST /api/cases} body at window JJD-ZX-W01 (user jjd-window's centre), service item MZ-002. */
    static Map<String, Object> receiveBody(long counter) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Map<String, Object> applicant = new LinkedHashMap<>();
        applicant.put("name", name(random, counter));
        applicant.put("idType", "RESIDENT_ID");
        applicant.put("idNumber", residentId(random));
        applicant.put("phone", "13" + random.nextInt(10) + String.format("%08d", random.nextInt(100_000_000)));
        applicant.put("address", "示范区甲街道幸福路" + (1 + random.nextInt(300)) + "号");
        String[] matter = MATTERS[random.nextInt(MATTERS.length)];
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("window", "JJD-ZX-W01");
        body.put("serviceItem", "MZ-002");
        body.put("channel", "WINDOW");
        body.put("applicant", applicant);
        body.put("subject", matter[0]);
        body.put("description", matter[1]);
        return body;
    }

    /** A Chinese name with a counter, distinct per counter. */
    static String name(ThreadLocalRandom random, long counter) {
        StringBuilder name = new StringBuilder(SURNAMES[random.nextInt(SURNAMES.length)]);
        for (int i = 0, n = 1 + random.nextInt(2); i < n; i++) {
            name.append(GIVEN.charAt(random.nextInt(GIVEN.length())));
        }
        return name.append(counter).toString();
    }

    /** A valid 18-character resident ID number (GB 11643-1999 check character). */
    static String residentId(ThreadLocalRandom random) {
        String region = new String[]{"110105", "310104", "440305", "330106", "510107"}[random.nextInt(5)];
        String body = region + String.format("%04d%02d%02d%03d", 1940 + random.nextInt(65), 1 + random.nextInt(12),
                1 + random.nextInt(28), random.nextInt(1000));
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * WEIGHTS[i];
        }
        return body + CHECK.charAt(sum % 11);
    }
}
