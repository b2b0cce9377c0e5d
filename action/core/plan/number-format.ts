/**
 * Numbers as Intl.NumberFormat("en-US", { minimumFractionDigits, maximumFractionDigits }) writes them:
 * the number's shortest decimal form rounded to at most `maxFraction` digits (halves away from zero),
 * trailing zeros dropped down to `minFraction`, digits grouped by three with ",". Written out because
 * building the first Intl.NumberFormat of a process loads ICU's number data, about 20 ms of CPU on
 * every plan for the handful of numbers plan.md shows; a property test holds it to Intl's output.
 */
export function formatNumber(value: number, minFraction = 0, maxFraction = Math.max(3, minFraction)): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? "NaN" : value > 0 ? "∞" : "-∞";
  const sign = value < 0 || Object.is(value, -0) ? "-" : "";
  // Shortest decimal form: digits d1d2d3... and the position of the decimal point after d1 (exponent).
  const [mantissa = "0", exponent = "0"] = Math.abs(value).toExponential().split("e");
  const digits = mantissa.replace(".", "");
  const keep = Number(exponent) + 1 + maxFraction;
  // The value times 10^maxFraction, rounded: the digits kept, plus one when the first digit dropped is 5 or more.
  let scaled = keep <= 0 ? 0n : BigInt(digits.slice(0, keep).padEnd(keep, "0"));
  if (keep >= 0 && (digits[keep] ?? "0") >= "5") scaled += 1n;
  const text = scaled.toString().padStart(maxFraction + 1, "0");
  const whole = text.slice(0, text.length - maxFraction);
  let fraction = text.slice(text.length - maxFraction);
  while (fraction.length > minFraction && fraction.endsWith("0")) fraction = fraction.slice(0, -1);
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ",");
  return `${sign}${grouped}${fraction.length > 0 ? `.${fraction}` : ""}`;
}
