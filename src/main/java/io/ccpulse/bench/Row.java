package io.ccpulse.bench;

/**
 * One line of the results table.
 *
 * @param scenario  "1 ingest" ...
 * @param measure   what was measured, with its conditions
 * @param value     the number (NaN = not measured; {@code note} says why)
 * @param unit      of the value
 * @param target    the target in words, or "" when the line has none
 * @param met       true / false against the target, null when there is none or nothing was measured
 * @param note      how it was measured or why it was not
 */
record Row(String scenario, String measure, double value, String unit, String target, Boolean met, String note) {

    static Row of(String scenario, String measure, double value, String unit) {
        return new Row(scenario, measure, value, unit, "", null, "");
    }

    static Row notRun(String scenario, String measure, String target, String why) {
        return new Row(scenario, measure, Double.NaN, "", target, null, why);
    }

    Row target(String text, boolean ok) {
        return new Row(scenario, measure, value, unit, text, Double.isNaN(value) ? null : ok, note);
    }

    Row note(String text) {
        return new Row(scenario, measure, value, unit, target, met, text);
    }

    String formatted() {
        if (Double.isNaN(value)) {
            return "not run";
        }
        String v;
        if (unit.equals("probes") && value == Math.rint(value)) {
            return String.format("%,d probes", (long) value);
        }
        double a = Math.abs(value);
        if (a >= 1000) {
            v = String.format("%,.0f", value);
        } else if (a >= 100) {
            v = String.format("%.0f", value);
        } else if (a >= 10) {
            v = String.format("%.1f", value);
        } else {
            v = String.format("%.2f", value);
        }
        return unit.isEmpty() ? v : v + " " + unit;
    }

    String verdict() {
        return met == null ? "" : met ? "met" : "**missed**";
    }
}
