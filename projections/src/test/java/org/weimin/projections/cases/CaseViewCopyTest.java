package org.weimin.projections.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.weimin.events.cases.CaseStatus;

/**
 * {@link CaseView#copy()}, the copy every handler in a {@code case-view} batch works on: every field is copied (a
 * field added later included: each is set here by reflection to a value other than its default), and every list is a
 * new one, so that changing the copy leaves the document the batch holds as it was.
 */
class CaseViewCopyTest {
    @Test
    void everyFieldIsCopiedAndNoListIsShared() throws Exception {
        CaseView original = new CaseView();
        List<Field> fields = new ArrayList<>();
        for (Field field : CaseView.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            field.setAccessible(true);
            field.set(original, sample(field));
            fields.add(field);
        }
        assertThat(fields).hasSizeGreaterThan(40);

        CaseView copy = original.copy();

        for (Field field : fields) {
            Object value = field.get(copy);
            assertThat(value).as(field.getName()).isEqualTo(field.get(original));
            if (value instanceof List<?>) {
                assertThat(value).as(field.getName() + " is a new list").isNotSameAs(field.get(original));
            }
        }
        copy.steps.add(new CaseStep(9, "RETURNED", Instant.EPOCH, Instant.EPOCH, "U", "STAFF", "s", null));
        copy.status = CaseStatus.COMPLETED;
        assertThat(original.steps).hasSize(1);
        assertThat(original.status).isNotEqualTo(CaseStatus.COMPLETED);
    }

    private static Object sample(Field field) {
        Class<?> type = field.getType();
        if (type == String.class) {
            return "x-" + field.getName();
        } else if (type == long.class || type == Long.class) {
            return 7L;
        } else if (type == int.class || type == Integer.class) {
            return 3;
        } else if (type == boolean.class || type == Boolean.class) {
            return true;
        } else if (type == Instant.class) {
            return Instant.parse("2025-03-03T02:00:00.123456Z");
        } else if (type == CaseStatus.class) {
            return CaseStatus.PAUSED;
        } else if (type == List.class) {
            List<Object> list = new ArrayList<>();
            list.add("element of " + field.getName());
            return list;
        } else if (type == CaseRecords.Erasure.class) {
            return new CaseRecords.Erasure(4, "admin", "basis", Instant.EPOCH, Instant.EPOCH);
        }
        throw new AssertionError("no sample for field " + field.getName() + " of type " + type
                + ": add one, so that the copy of this field is tested");
    }
}
