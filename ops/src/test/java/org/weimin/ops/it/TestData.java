package org.weimin.ops.it;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** Request bodies and plausible personal data for the black-box tests. */
public final class TestData {
    /** Surnames, including two-character ones and one outside the BMP (𡈼), so masking is checked on code points. */
    private static final String[] SURNAMES = {"张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴", "徐", "孙", "马",
            "朱", "胡", "郭", "何", "高", "林", "罗", "欧阳", "司马", "诸葛", "上官", "𡈼"};
    private static final String GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华建国志红梅海燕鹏飞晓东";
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";

    private TestData() {
    }

    /** A random Chinese name with a counter, distinct per counter: 欧阳晓东17. */
    public static String name(Random random, long counter) {
        StringBuilder name = new StringBuilder(SURNAMES[random.nextInt(SURNAMES.length)]);
        int given = 1 + random.nextInt(2);
        for (int i = 0; i < given; i++) {
            name.append(GIVEN.charAt(random.nextInt(GIVEN.length())));
        }
        return name.append(counter).toString();
    }

    /** A valid 18-character resident ID number (GB 11643-1999 check character) with a random birth date. */
    public static String residentId(Random random) {
        String region = new String[]{"110105", "310104", "440305", "330106", "510107"}[random.nextInt(5)];
        String birth = String.format("%04d%02d%02d", 1940 + random.nextInt(65), 1 + random.nextInt(12),
                1 + random.nextInt(28));
        String body = region + birth + String.format("%03d", random.nextInt(1000));
        return body + checkCharacter(body);
    }

    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK.charAt(sum % 11);
    }

    /** A mobile number 13x-xxxx-xxxx. */
    public static String mobile(Random random) {
        return "13" + random.nextInt(10) + String.format("%08d", random.nextInt(100_000_000));
    }

    /**
     * {@code POST /api/cases} body at window JJD-ZX-W01 (user jjd-window's centre) for service item MZ-002.
     *
     * @param idNumber a resident ID number, or null for an applicant without one (then the data key is the case's)
     */
    public static Map<String, Object> receiveBody(String name, String idNumber, String phone, String address,
                                                  String subject, String description) {
        Map<String, Object> applicant = new LinkedHashMap<>();
        applicant.put("name", name);
        if (idNumber != null) {
            applicant.put("idType", "RESIDENT_ID");
            applicant.put("idNumber", idNumber);
        }
        if (phone != null) {
            applicant.put("phone", phone);
        }
        if (address != null) {
            applicant.put("address", address);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("window", "JJD-ZX-W01");
        body.put("serviceItem", "MZ-002");
        body.put("channel", "WINDOW");
        body.put("applicant", applicant);
        body.put("subject", subject);
        if (description != null) {
            body.put("description", description);
        }
        return body;
    }

    /** The demo body of the README with a given name. */
    public static Map<String, Object> receiveBody(String name) {
        return receiveBody(name, "11010519491231002X", "13912345678", "示范区甲街道幸福路1号", "申请临时救助", "家中突发变故");
    }
}
