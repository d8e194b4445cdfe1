package io.baton.runtime.decider;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** WAIT's {@code duration} ("30s", "2 days 3 hours") and {@code until} ("2030-01-31 14:00 UTC"). */
final class WaitTimes {
  private static final Pattern PART = Pattern.compile(
      "(\\d+)\\s*(days?|d|hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)\\b", Pattern.CASE_INSENSITIVE);
  private static final DateTimeFormatter WITH_ZONE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT);
  private static final DateTimeFormatter NO_ZONE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

  private WaitTimes() {}

  /** Milliseconds of a duration; IllegalArgumentException saying what is wrong. */
  static long durationMillis(String text) {
    String rest = text.trim();
    if (rest.isEmpty()) throw new IllegalArgumentException("duration is empty");
    long seconds = 0;
    Matcher m = PART.matcher(rest);
    int end = 0;
    while (m.find()) {
      if (!rest.substring(end, m.start()).isBlank()) break;
      long n = Long.parseLong(m.group(1));
      char unit = Character.toLowerCase(m.group(2).charAt(0));
      seconds += switch (unit) {
        case 'd' -> n * 86_400;
        case 'h' -> n * 3_600;
        case 'm' -> n * 60;
        default -> n;
      };
      end = m.end();
    }
    if (end == 0 || !rest.substring(end).isBlank()) {
      throw new IllegalArgumentException("duration '" + text + "' is not like '30s', '5m' or '2 days 3 hours'");
    }
    return seconds * 1000;
  }

  /** Epoch milliseconds of an {@code until} time; a time without a zone is UTC. */
  static long untilMillis(String text) {
    String t = text.trim();
    try {
      return ZonedDateTime.parse(t, WITH_ZONE).toInstant().toEpochMilli();
    } catch (DateTimeParseException withZone) {
      try {
        return java.time.LocalDateTime.parse(t, NO_ZONE).toInstant(ZoneOffset.UTC).toEpochMilli();
      } catch (DateTimeParseException noZone) {
        try {
          return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        } catch (DateTimeParseException date) {
          throw new IllegalArgumentException("until '" + text + "' is not like 'yyyy-MM-dd HH:mm z'");
        }
      }
    }
  }
}
